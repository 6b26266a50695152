package io.tagflow.controlplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tagflow.controlplane.anomaly.AnomalyService;
import io.tagflow.controlplane.fixtures.InMemoryStore;
import io.tagflow.controlplane.fixtures.Layouts;
import io.tagflow.controlplane.live.LiveState;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every route the router serves is described in openapi.yaml, and every described operation is served. */
class OpenApiCoverageTest {
  @Test
  void router_everyRouteAndMethod_isInOpenApiAndBack() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      InMemoryStore store = new InMemoryStore();
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ApiServices api = new ApiServices(List.of(Layouts.dc1(false)), new LiveState(List.of(), store),
          store.repositories(), new AnomalyService(store, Clock.systemUTC(), metrics, a -> { }), metrics,
          Clock.systemUTC(), 4096);
      Router router = ApiRouter.create(vertx, api, new Blocking(vertx.createSharedWorkerExecutor("t", 1)));
      JsonNode paths;
      try (InputStream in = ApiRouter.class.getResourceAsStream(ApiRouter.OPENAPI_RESOURCE)) {
        paths = new YAMLMapper().readTree(in).get("paths");
      }

      List<String> served = new ArrayList<>();
      for (Route route : router.getRoutes()) {
        if (route.getPath() == null) {
          continue; // catch-alls: metrics, body limit, failure handler
        }
        String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
        for (HttpMethod m : route.methods()) {
          served.add(m.name().toLowerCase(Locale.ROOT) + " " + path);
        }
      }
      List<String> described = new ArrayList<>();
      paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(op -> {
        if (!op.equals("parameters")) {
          described.add(op + " " + p.getKey());
        }
      }));

      assertThat(served).isNotEmpty().doesNotHaveDuplicates();
      assertThat(described).containsExactlyInAnyOrderElementsOf(served);
    } finally {
      vertx.close();
    }
  }
}
