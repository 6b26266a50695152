package io.tagflow.gateway.config;

import io.tagflow.gateway.pipeline.EpcPattern;
import io.tagflow.protocol.epc.EpcScheme;
import java.util.List;
import java.util.Locale;

/**
 * Which EPCs the pipeline admits. Patterns are {@code scheme} or {@code scheme:companyPrefix}, the
 * scheme being sgtin, sscc, sgln, grai, giai or gid ({@code sgtin:0614141}).
 *
 * @param include only EPCs matching one of these are admitted; empty (default) admits all
 * @param exclude EPCs matching one of these are dropped
 */
public record EpcFilterConfig(List<String> include, List<String> exclude) {
  public EpcFilterConfig {
    include = include == null ? List.of() : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
    for (int i = 0; i < include.size(); i++) {
      parse("include[" + i + "]", include.get(i));
    }
    for (int i = 0; i < exclude.size(); i++) {
      parse("exclude[" + i + "]", exclude.get(i));
    }
  }

  static EpcFilterConfig defaults() {
    return new EpcFilterConfig(null, null);
  }

  public List<EpcPattern> includePatterns() {
    return include.stream().map(p -> parse("include", p)).toList();
  }

  public List<EpcPattern> excludePatterns() {
    return exclude.stream().map(p -> parse("exclude", p)).toList();
  }

  private static EpcPattern parse(String field, String text) {
    String[] parts = text.split(":", 2);
    EpcScheme scheme = null;
    for (EpcScheme s : EpcScheme.values()) {
      if (s.uriName().equals(parts[0].toLowerCase(Locale.ROOT))) {
        scheme = s;
      }
    }
    if (scheme == null) {
      throw new ConfigProblem(field, "expected sgtin, sscc, sgln, grai, giai or gid, optionally followed by "
          + ":companyPrefix, was \"" + text + "\"");
    }
    try {
      return new EpcPattern(scheme, parts.length == 2 ? parts[1] : null);
    } catch (IllegalArgumentException e) {
      throw new ConfigProblem(field, "bad company prefix in \"" + text + "\": " + e.getMessage());
    }
  }
}
