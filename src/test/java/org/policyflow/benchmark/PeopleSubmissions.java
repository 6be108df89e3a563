package org.policyflow.benchmark;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.policyflow.platform.forms.SubmissionBoundaryFilter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What people submit (start forms, task completions) passes the server's boundary in the rules variant,
 * as it does in production where every such submission arrives over HTTP: inside the real
 * {@link SubmissionBoundaryFilter}, so the engine runs the form check (issue #17) and the required
 * documents check (DOC-1) on it. The bare variant submits straight to the engine, as a plain Camunda
 * application without those checks would. No socket is involved in either, so the ratio measures the
 * checks, not HTTP.
 */
final class PeopleSubmissions {

  private final SubmissionBoundaryFilter boundary;
  private volatile boolean checked = true;

  PeopleSubmissions(SubmissionBoundaryFilter boundary) {
    this.boundary = boundary;
  }

  void checked(boolean checked) {
    this.checked = checked;
  }

  <T> T submit(Supplier<T> submission) {
    if (!checked) {
      return submission.get();
    }
    Object[] result = new Object[1];
    RuntimeException[] failure = new RuntimeException[1];
    try {
      boundary.doFilter(new MockHttpServletRequest("POST", "/engine-rest/task/submit-form"), new MockHttpServletResponse(),
          (request, response) -> {
            try {
              result[0] = submission.get();
            } catch (RuntimeException refusedOrFailed) {
              // The filter must not see it: the caller handles a refusal as a person would.
              failure[0] = refusedOrFailed;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ServletException e) {
      throw new IllegalStateException(e);
    }
    if (failure[0] != null) {
      throw failure[0];
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return value;
  }

  void submit(Runnable submission) {
    submit(() -> {
      submission.run();
      return null;
    });
  }
}
