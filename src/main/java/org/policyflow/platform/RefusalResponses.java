package org.policyflow.platform;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.webapp.impl.engine.EngineRestApplication;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.policyflow.shared.rules.MessageRuleException;
import org.policyflow.shared.rules.PolicyRuleException;
import org.policyflow.shared.rules.RuleViolation;
import org.policyflow.shared.workingdays.MissingCalendarYearException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * One refusal shape on every route. The engine REST API answers a rule refusal with 400 on the form
 * endpoints but with 500 on {@code /start}, and always with the engine's own prefix ("Cannot
 * instantiate process definition partner-application:1:77bf…: …"); here every refusal becomes
 * 400 with the rules alone, plus the violations one by one:
 *
 * <pre>{"type":"PolicyRuleException","status":400,
 *  "message":"[FORM-REQUIRED] contactName: 请填写“联系人”。 / Field 'contactName' is required.",
 *  "violations":[{"ruleId":"FORM-REQUIRED","field":"contactName","reasonZh":"…","reasonEn":"…"}]}</pre>
 *
 * A deadline that needs a year the working-day calendar lacks is 422 (the state forbids it, the input
 * is fine), as {@code /api/calendar} answers it. Everything else keeps the engine's answer.
 */
@Configuration
public class RefusalResponses {

  @Bean
  ResourceConfigCustomizer refusalMappers() {
    return config -> config.register(RestRefusals.class).register(CalendarGap.class);
  }

  /**
   * The same mappers for the webapps' own mount of the engine API ({@code /camunda/api/engine}, the
   * servlet "Engine Api" of Camunda's webapp initializer), which Tasklist and Cockpit call: Spring's
   * Jersey customizers do not reach that JAX-RS application, and Tasklist showed the engine's
   * "Cannot instantiate process definition …" text. Jersey takes extra providers from the servlet's init
   * parameters. Whichever initializer runs first registers the servlet; Camunda's keeps an existing
   * registration, so both orders end with one servlet that has the mappers.
   */
  @Bean
  ServletContextInitializer webappRefusalMappers(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    return servletContext -> {
      ServletRegistration engineApi = servletContext.getServletRegistration(WEBAPP_ENGINE_API);
      if (engineApi == null) {
        String path = webappPath.endsWith("/") ? webappPath.substring(0, webappPath.length() - 1) : webappPath;
        engineApi = servletContext.addServlet(WEBAPP_ENGINE_API, ServletContainer.class);
        engineApi.addMapping(path + "/api/engine/*");
        engineApi.setInitParameter("jakarta.ws.rs.Application", EngineRestApplication.class.getName());
      }
      engineApi.setInitParameter(ServerProperties.PROVIDER_CLASSNAMES,
          RestRefusals.class.getName() + "," + CalendarGap.class.getName());
    };
  }

  static final String WEBAPP_ENGINE_API = "Engine Api";

  /** The same shape for the project's own endpoints (/api). */
  @RestControllerAdvice
  static class ApiRefusals {
    @ExceptionHandler({PolicyRuleException.class, MessageRuleException.class})
    ResponseEntity<Map<String, Object>> refused(RuntimeException refusal) {
      return ResponseEntity.badRequest().body(body(violationsOf(refusal)));
    }

    @ExceptionHandler(MissingCalendarYearException.class)
    ResponseEntity<Map<String, Object>> calendarGap(MissingCalendarYearException gap) {
      return ResponseEntity.unprocessableEntity().body(gapBody(gap));
    }
  }

  /**
   * Replaces Camunda's mapper of {@link RestException}, the wrapper its resources throw; a higher
   * priority than the engine's own mapper (user providers rank by {@code @Priority}).
   */
  @Priority(1)
  public static class RestRefusals implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException exception) {
      List<RuleViolation> violations = violationsOf(exception);
      if (violations == null) {
        MissingCalendarYearException gap = find(exception, MissingCalendarYearException.class);
        if (gap != null) {
          return json(422, gapBody(gap));
        }
        return ExceptionHandlerHelper.getInstance().getResponse(exception);
      }
      return json(400, body(violations));
    }
  }

  /** A calendar gap that surfaces unwrapped (not a ProcessEngineException, so no resource wraps it). */
  public static class CalendarGap implements ExceptionMapper<MissingCalendarYearException> {
    @Override
    public Response toResponse(MissingCalendarYearException gap) {
      return json(422, gapBody(gap));
    }
  }

  private static Response json(int status, Map<String, Object> body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

  static List<RuleViolation> violationsOf(Throwable thrown) {
    PolicyRuleException rule = find(thrown, PolicyRuleException.class);
    if (rule != null) {
      return rule.violations();
    }
    MessageRuleException message = find(thrown, MessageRuleException.class);
    return message == null ? null : List.of(message.violation());
  }

  private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  /** The one refusal body, for handlers of refusals that are not exceptions of the rules family. */
  public static Map<String, Object> body(List<RuleViolation> violations) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", PolicyRuleException.class.getSimpleName());
    body.put("status", 400);
    body.put("message", String.join("；", violations.stream().map(RuleViolation::describe).toList()));
    body.put("violations", violations.stream().map(v -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("ruleId", v.ruleId());
      one.put("field", v.field());
      one.put("reasonZh", v.reasonZh());
      one.put("reasonEn", v.reasonEn());
      return one;
    }).toList());
    return body;
  }

  private static Map<String, Object> gapBody(MissingCalendarYearException gap) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", MissingCalendarYearException.class.getSimpleName());
    body.put("status", 422);
    body.put("message", gap.getMessage());
    return body;
  }
}
