/** Crop thumbnails of located birds, made with the JDK's ImageIO ({@code ThumbnailPort}). */
package org.fieldmark.adapter.local.thumbnail;
