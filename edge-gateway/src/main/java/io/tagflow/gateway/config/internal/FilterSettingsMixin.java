package io.tagflow.gateway.config.internal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import io.tagflow.gateway.pipeline.FilterSettings;

/**
 * Jackson mix-ins that bind the {@code filter:} section straight onto the pipeline's
 * {@link FilterSettings.Builder}: a key is a builder method, a missing key keeps the builder's documented
 * default, an unknown key is an error, and {@code build()} validates. The pipeline's classes stay free
 * of Jackson.
 */
public final class FilterSettingsMixin {
  private FilterSettingsMixin() {
  }

  /** Mixed into {@link FilterSettings}. */
  @JsonDeserialize(builder = FilterSettings.Builder.class)
  public abstract static class Settings {
  }

  /** Mixed into {@link FilterSettings.Builder}: methods are named like the keys, without a prefix. */
  @JsonPOJOBuilder(withPrefix = "", buildMethodName = "build")
  public abstract static class Builder {
  }
}
