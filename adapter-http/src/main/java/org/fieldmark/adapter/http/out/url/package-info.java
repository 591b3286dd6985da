/**
 * Images fetched from http(s) URLs with protection against server-side request forgery: every
 * hop's addresses are checked once and connected to as checked
 * ({@link org.fieldmark.adapter.http.out.url.UrlImageStorageAdapter}).
 */
package org.fieldmark.adapter.http.out.url;
