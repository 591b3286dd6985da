/**
 * The Vert.x web API that drives IdentifyBirdUseCase: {@link org.fieldmark.adapter.http.in.web.WebApi}
 * builds the router (classify, identify, S3 events, recent identifications, health, readiness,
 * metrics, OpenAPI document), configured by {@link org.fieldmark.adapter.http.in.web.WebApiSettings}.
 */
package org.fieldmark.adapter.http.in.web;
