package org.policyflow.platform.security;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * Every operation the running application exposes, read from the application itself: the JAX-RS
 * resource classes registered with the engine REST API and with the webapps' own APIs (Cockpit, Admin,
 * Tasklist, Welcome and their plugins; sub-resource locators followed) and the Spring request mappings
 * of the project API. Nobody lists endpoints by hand, so an endpoint that a new
 * Camunda version or a new controller brings is known here, and {@link AccessPolicy} refuses it until
 * someone grants it.
 */
public final class EndpointCatalog {

  public static final String ENGINE_REST = "/engine-rest";
  public static final String PROJECT_API = "/api";
  /**
   * The webapps' own APIs, under the default application path: {@code /camunda/api/cockpit/…}. A
   * differently configured path is mapped onto this one by {@link AccessPolicyFilter}, as the engine's
   * other mounts are mapped onto {@link #ENGINE_REST}.
   */
  public static final String WEBAPP_API = "/camunda/api";
  /** The engine REST API answers under /engine/{name}/… too; that is the same operation. */
  private static final Pattern NAMED_ENGINE = Pattern.compile("^/engine/\\{[^}]+}(?=/)");

  private final List<Endpoint> endpoints;
  private final List<Compiled> byPrecedence;

  private record Compiled(Endpoint endpoint, Pattern regex) {}

  public EndpointCatalog(Collection<Endpoint> endpoints) {
    this.endpoints = List.copyOf(new TreeSet<>(endpoints));
    this.byPrecedence = this.endpoints.stream()
        .sorted(Comparator.comparingInt(Endpoint::literalLength).reversed())
        .map(endpoint -> new Compiled(endpoint, endpoint.regex()))
        .toList();
  }

  public static EndpointCatalog of(Collection<Class<?>> jaxRsClasses, Collection<RequestMappingInfo> mappings) {
    return of(jaxRsClasses, mappings, Map.of());
  }

  /**
   * @param webappApis per webapp ("cockpit", "admin", …) the resource classes its JAX-RS application
   *     registers (its own resources and those of every plugin), mounted at {@code /camunda/api/{app}}
   */
  public static EndpointCatalog of(Collection<Class<?>> jaxRsClasses, Collection<RequestMappingInfo> mappings,
      Map<String, ? extends Collection<Class<?>>> webappApis) {
    Set<Endpoint> found = new HashSet<>();
    for (Class<?> type : jaxRsClasses) {
      Path root = pathOf(type);
      if (root != null) {
        walk(type, join("", root.value()), 0, new HashSet<>(), found);
      }
    }
    Set<Endpoint> endpoints = new HashSet<>();
    for (Endpoint endpoint : found) {
      String template = NAMED_ENGINE.matcher(endpoint.template()).replaceFirst("");
      endpoints.add(new Endpoint(endpoint.method(), ENGINE_REST + template));
    }
    webappApis.forEach((app, classes) -> {
      for (Class<?> type : classes) {
        Path root = pathOf(type);
        if (root != null) {
          walk(type, join(WEBAPP_API + "/" + app, root.value()), 0, new HashSet<>(), endpoints);
        }
      }
    });
    for (RequestMappingInfo mapping : mappings) {
      Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
      for (String pattern : mapping.getPatternValues()) {
        if (!pattern.equals(PROJECT_API) && !pattern.startsWith(PROJECT_API + "/")) {
          continue;
        }
        if (methods.isEmpty()) {
          for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            endpoints.add(new Endpoint(method, pattern));
          }
        }
        methods.forEach(method -> endpoints.add(new Endpoint(method.name(), pattern)));
      }
    }
    return new EndpointCatalog(endpoints);
  }

  public List<Endpoint> endpoints() {
    return endpoints;
  }

  /**
   * The operations a request may reach: every template that matches the path, with the request's method
   * (HEAD is answered as GET). Empty when nothing matches; an endpoint that exists with another method
   * only is returned as that method on that template, which is in no allow-list.
   */
  public List<Endpoint> resolve(String method, String path) {
    String effective = "HEAD".equals(method) ? "GET" : method;
    List<Endpoint> sameMethod = new ArrayList<>();
    String otherTemplate = null;
    for (Compiled compiled : byPrecedence) {
      if (compiled.regex().matcher(path).matches()) {
        if (compiled.endpoint().method().equals(effective)) {
          sameMethod.add(compiled.endpoint());
        } else if (otherTemplate == null) {
          otherTemplate = compiled.endpoint().template();
        }
      }
    }
    if (sameMethod.isEmpty() && otherTemplate != null) {
      return List.of(new Endpoint(effective, otherTemplate));
    }
    return sameMethod;
  }

  private static void walk(Class<?> type, String prefix, int depth, Set<Class<?>> onPath, Set<Endpoint> found) {
    if (depth > 12 || !onPath.add(type)) {
      return;
    }
    for (Method method : type.getMethods()) {
      if (method.isBridge() || method.isSynthetic() || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      Method annotated = jaxRsDeclaration(type, method);
      if (annotated == null) {
        continue;
      }
      Path path = annotated.getAnnotation(Path.class);
      String template = path == null ? prefix : join(prefix, path.value());
      String httpMethod = httpMethod(annotated);
      if (httpMethod != null) {
        found.add(new Endpoint(httpMethod, template.isEmpty() ? "/" : template));
      } else if (path != null) {
        walk(method.getReturnType(), template, depth + 1, onPath, found);
      }
    }
    onPath.remove(type);
  }

  /** JAX-RS annotations are inherited from the interface or superclass method when the method has none. */
  private static Method jaxRsDeclaration(Class<?> type, Method method) {
    if (isJaxRs(method)) {
      return method;
    }
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      candidates.add(c);
      collectInterfaces(c, candidates);
    }
    for (Class<?> candidate : candidates) {
      try {
        Method declared = candidate.getDeclaredMethod(method.getName(), method.getParameterTypes());
        if (isJaxRs(declared)) {
          return declared;
        }
      } catch (NoSuchMethodException absent) {
        // not declared here
      }
    }
    return null;
  }

  private static void collectInterfaces(Class<?> type, List<Class<?>> into) {
    for (Class<?> implemented : type.getInterfaces()) {
      into.add(implemented);
      collectInterfaces(implemented, into);
    }
  }

  private static boolean isJaxRs(Method method) {
    return method.isAnnotationPresent(Path.class) || httpMethod(method) != null;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  private static Path pathOf(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.isAnnotationPresent(Path.class)) {
        return c.getAnnotation(Path.class);
      }
      List<Class<?>> interfaces = new ArrayList<>();
      collectInterfaces(c, interfaces);
      for (Class<?> implemented : interfaces) {
        if (implemented.isAnnotationPresent(Path.class)) {
          return implemented.getAnnotation(Path.class);
        }
      }
    }
    return null;
  }

  private static String join(String prefix, String path) {
    String trimmed = path.trim();
    if (trimmed.isEmpty() || trimmed.equals("/")) {
      return prefix;
    }
    if (!trimmed.startsWith("/")) {
      trimmed = "/" + trimmed;
    }
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return prefix + trimmed;
  }
}
