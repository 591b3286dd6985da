/** The bounded local store of photos that have no other home (uploads, URL photos), a folder of files. */
package org.fieldmark.adapter.local.photos;
