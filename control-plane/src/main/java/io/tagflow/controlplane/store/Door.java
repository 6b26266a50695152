package io.tagflow.controlplane.store;

/** A dock door of a site, placed on the site map (metres). {@code name} may be null. */
public record Door(String siteId, String doorId, String name, double x, double y) {
}
