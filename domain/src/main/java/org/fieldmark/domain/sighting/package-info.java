/**
 * The bird log: sightings, people's corrections, and the history queries the notification
 * policy decides with. Pure Java.
 */
package org.fieldmark.domain.sighting;
