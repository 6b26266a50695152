package io.tagflow.controlplane.store;

/** A warehouse site. */
public record Site(String siteId, String name, String timeZone) {
}
