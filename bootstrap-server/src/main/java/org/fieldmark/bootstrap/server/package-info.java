/**
 * The standalone Vert.x server and its wiring from configuration. Built in the standalone-server and embedded-mode issues.
 */
package org.fieldmark.bootstrap.server;
