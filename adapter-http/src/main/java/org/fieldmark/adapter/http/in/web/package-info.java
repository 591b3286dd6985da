/**
 * The Vert.x web API that drives IdentifyBirdUseCase: {@link org.fieldmark.adapter.http.in.web.WebApi}
 * (built with {@code WebApi.builder()}, configured by {@link org.fieldmark.adapter.http.in.web.WebApiSettings})
 * declares its operations once in a {@code RouteTable} and serves them by group: status (health,
 * readiness, metrics, OpenAPI document), identification (classify, identify, recent), S3 events and
 * the bird log's sightings.
 */
package org.fieldmark.adapter.http.in.web;
