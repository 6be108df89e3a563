package org.policyflow.platform.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;

/** Each request sees its own nonce, whatever other requests write in between; the rest stays shared. */
class CspNoncePerRequestFilterTest {

  private static final String NONCE = CspNoncePerRequestFilter.NONCE_ATTRIBUTE;

  private final MockServletContext shared = new MockServletContext();

  private ServletContext contextOf(MockHttpServletRequest request) {
    return new CspNoncePerRequestFilter.NonceOfThisRequest(request).getServletContext();
  }

  @Test
  void aNonceWrittenByAnotherRequestInBetweenDoesNotReachThePage() {
    ServletContext page = contextOf(new MockHttpServletRequest(shared));
    ServletContext other = contextOf(new MockHttpServletRequest(shared));

    page.setAttribute(NONCE, "nonce-of-the-page");     // HttpHeaderSecurityFilter, for the page's header
    other.setAttribute(NONCE, "nonce-of-another-call"); // the same filter, for someone else's request

    assertThat(page.getAttribute(NONCE)).isEqualTo("nonce-of-the-page"); // ProcessEnginesFilter, for the body
    assertThat(other.getAttribute(NONCE)).isEqualTo("nonce-of-another-call");
    assertThat(shared.getAttribute(NONCE)).isNull();
  }

  @Test
  void everyOtherAttributeIsTheSharedContexts() {
    ServletContext page = contextOf(new MockHttpServletRequest(shared));
    ServletContext other = contextOf(new MockHttpServletRequest(shared));

    page.setAttribute("telemetry.tasklist", Boolean.TRUE);

    assertThat(other.getAttribute("telemetry.tasklist")).isEqualTo(Boolean.TRUE);
    assertThat(shared.getAttribute("telemetry.tasklist")).isEqualTo(Boolean.TRUE);
    assertThat(page.getContextPath()).isEqualTo(shared.getContextPath());
  }

  @Test
  void aRemovedNonceIsGoneForThisRequestOnly() {
    ServletContext page = contextOf(new MockHttpServletRequest(shared));
    ServletContext other = contextOf(new MockHttpServletRequest(shared));
    page.setAttribute(NONCE, "a");
    other.setAttribute(NONCE, "b");

    page.removeAttribute(NONCE);

    assertThat(page.getAttribute(NONCE)).isNull();
    assertThat(other.getAttribute(NONCE)).isEqualTo("b");
  }
}
