/** Frigate's HTTP API as a driven adapter: event snapshots as an image store, sub labels written back. */
package org.fieldmark.adapter.http.out.frigate;
