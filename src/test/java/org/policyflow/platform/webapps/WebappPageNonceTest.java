package org.policyflow.platform.webapps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.policyflow.PolicyflowIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * Tasklist's page carries the nonce of its own Content-Security-Policy while other requests arrive at the
 * same moment (CspNoncePerRequestFilter): otherwise the browser refuses the page's scripts and Tasklist
 * stays on its spinner.
 */
@PolicyflowIntegrationTest
class WebappPageNonceTest {

  private static final Pattern HEADER_NONCE = Pattern.compile("'nonce-([^']+)'");
  private static final Pattern BODY_NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
  private static final int THREADS = 6;
  private static final int PAGES_PER_THREAD = 40;

  @Autowired TestRestTemplate http;

  @Test
  void everyPageLoadedAmongConcurrentRequestsCarriesTheNonceOfItsOwnHeader() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS * 2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<String>>> pages = new ArrayList<>();
      List<Future<?>> others = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        pages.add(pool.submit(loadPages(start)));
        // Other webapp requests at the same time: each passes Camunda's header filter and draws a nonce.
        others.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < PAGES_PER_THREAD * 2; i++) {
            http.getForEntity("/camunda/app/tasklist/styles/user-styles.css", String.class);
          }
          return null;
        }));
      }
      start.countDown();
      List<String> mismatches = new ArrayList<>();
      for (Future<List<String>> page : pages) {
        mismatches.addAll(page.get());
      }
      for (Future<?> other : others) {
        other.get();
      }
      assertThat(mismatches).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  private Callable<List<String>> loadPages(CountDownLatch start) {
    return () -> {
      start.await();
      List<String> mismatches = new ArrayList<>();
      for (int i = 0; i < PAGES_PER_THREAD; i++) {
        ResponseEntity<String> page = http.getForEntity("/camunda/app/tasklist/default/", String.class);
        String header = page.getHeaders().getFirst("Content-Security-Policy");
        String expected = first(HEADER_NONCE, header);
        Matcher body = BODY_NONCE.matcher(page.getBody());
        int scripts = 0;
        while (body.find()) {
          scripts++;
          if (!body.group(1).equals(expected)) {
            mismatches.add("header " + expected + ", script " + body.group(1));
          }
        }
        if (expected == null || scripts == 0) {
          mismatches.add("no nonce: header " + header);
        }
      }
      return mismatches;
    };
  }

  private static String first(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text == null ? "" : text);
    return matcher.find() ? matcher.group(1) : null;
  }
}
