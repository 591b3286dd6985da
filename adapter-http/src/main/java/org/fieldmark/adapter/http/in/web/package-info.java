/**
 * The Vert.x web API that drives IdentifyBirdUseCase. Built in the standalone-server issue.
 */
package org.fieldmark.adapter.http.in.web;
