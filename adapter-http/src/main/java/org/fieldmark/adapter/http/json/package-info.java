/**
 * The JSON shapes of the HTTP API and the webhook, as JSON-friendly maps in a fixed key order:
 * an identification result ({@link org.fieldmark.adapter.http.json.ResultJson}), a region
 * ({@link org.fieldmark.adapter.http.json.RegionMap}), a daily digest
 * ({@link org.fieldmark.adapter.http.json.DigestJson}) and a delivery
 * ({@link org.fieldmark.adapter.http.json.DeliveryJson}). Shared by the routes ({@code in.web})
 * and the webhook ({@code out.webhook}); the core's records hold no wire shape.
 */
package org.fieldmark.adapter.http.json;
