/**
 * The server's bird log in one SQLite file (WAL mode), with its schema migrations.
 */
package org.fieldmark.adapter.local.sqlite;
