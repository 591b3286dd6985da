/**
 * Frigate's tracked-object events as values, and the pure rules Fieldmark applies to them: which
 * events are about a bird worth naming (label, camera, zone, false positive), when an event's
 * snapshot is identified (again), and when a species is written back as Frigate's sub label.
 */
package org.fieldmark.domain.frigate;
