package org.policyflow.platform.operations;

import io.micrometer.common.KeyValue;
import java.util.regex.Pattern;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * The {@code uri} tag of {@code http_server_requests_seconds}. Spring's default knows only its own MVC
 * routes; the engine REST API and the webapps' APIs (Jersey) would all count as UNKNOWN. Their requests
 * are grouped by resource ({@code /engine-rest/task/**}, {@code /camunda/api/engine/filter/**}), never by
 * id, so the number of series stays bounded; unauthenticated calls share one tag whatever path they name.
 */
@Component
public class HttpRequestTags extends DefaultServerRequestObservationConvention {

  private static final Pattern RESOURCE = Pattern.compile("[a-z][a-z-]{0,40}");

  @Override
  protected KeyValue uri(ServerRequestObservationContext context) {
    KeyValue uri = super.uri(context);
    if (!"UNKNOWN".equals(uri.getValue()) || context.getCarrier() == null) {
      return uri;
    }
    if (context.getResponse() != null && context.getResponse().getStatus() == 401) {
      return KeyValue.of(uri.getKey(), "UNAUTHORIZED");
    }
    HttpServletRequestPath path = new HttpServletRequestPath(context.getCarrier().getRequestURI()
        .substring(context.getCarrier().getContextPath().length()));
    return KeyValue.of(uri.getKey(), path.template());
  }

  /** A request path reduced to its API and resource. */
  record HttpServletRequestPath(String path) {
    String template() {
      String[] s = path.split("/");
      // s[0] is empty (leading slash).
      if (s.length > 2 && s[1].equals("engine-rest")) {
        return resource("/engine-rest/", s[2]);
      }
      if (s.length > 3 && s[1].equals("camunda") && s[2].equals("api")) {
        // /camunda/api/engine/engine/{engine}/{resource}/… is the engine API behind Tasklist and Cockpit.
        if (s[3].equals("engine") && s.length > 6) {
          return resource("/camunda/api/engine/", s[6]);
        }
        return resource("/camunda/api/", s[3]);
      }
      if (s.length > 2 && s[1].equals("camunda")) {
        return "/camunda/" + (s[2].equals("app") ? "app/**" : "**");
      }
      return "UNKNOWN";
    }

    private static String resource(String prefix, String segment) {
      return RESOURCE.matcher(segment).matches() ? prefix + segment + "/**" : prefix + "**";
    }
  }
}
