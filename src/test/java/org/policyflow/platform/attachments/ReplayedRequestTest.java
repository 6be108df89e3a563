package org.policyflow.platform.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The checked body handed on by {@link AttachmentLimitFilter}, read blocking and non-blocking alike. */
class ReplayedRequestTest {

  private final byte[] body = "附件内容 / attachment body".getBytes(StandardCharsets.UTF_8);

  @Test
  void aBlockingReaderGetsTheWholeBody() throws IOException {
    var request = new AttachmentLimitFilter.ReplayedRequest(new MockHttpServletRequest(), body);
    assertThat(request.getInputStream().readAllBytes()).isEqualTo(body);
    assertThat(request.getContentLengthLong()).isEqualTo(body.length);
  }

  @Test
  void aNonBlockingReaderIsToldTheBodyIsThereAndThenThatItIsAllRead() throws IOException {
    ServletInputStream in = new AttachmentLimitFilter.ReplayedRequest(new MockHttpServletRequest(), body)
        .getInputStream();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    boolean[] allRead = {false};
    in.setReadListener(new ReadListener() {
      @Override
      public void onDataAvailable() throws IOException {
        byte[] chunk = new byte[8];
        while (in.isReady() && !in.isFinished()) {
          int n = in.read(chunk);
          if (n > 0) {
            read.write(chunk, 0, n);
          }
        }
      }

      @Override
      public void onAllDataRead() {
        allRead[0] = true;
      }

      @Override
      public void onError(Throwable t) {
        throw new AssertionError(t);
      }
    });
    assertThat(read.toByteArray()).isEqualTo(body);
    assertThat(allRead[0]).isTrue();
  }
}
