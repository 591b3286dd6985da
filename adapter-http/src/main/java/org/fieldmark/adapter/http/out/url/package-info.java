/**
 * Images fetched from URLs, with SSRF protection. Built in the standalone-server issue.
 */
package org.fieldmark.adapter.http.out.url;
