package org.policyflow.platform.attachments;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@link AttachmentProperties} on the engine's attachment upload
 * ({@code POST …/task/{id}/attachment/create}) of both the REST API and the webapps' session API, so
 * the Tasklist tab's checks are not the only ones: a script or portal cannot bypass them.
 *
 * <p>The engine itself accepts any size and type. The body is buffered (never more than the limit plus
 * the multipart overhead), checked, and replayed to the engine's JAX-RS resource unchanged.
 */
public class AttachmentLimitFilter extends OncePerRequestFilter {

  private static final Pattern CREATE_PATH = Pattern.compile(".*/task/[^/]+/attachment/create/?$");
  /** Room for the multipart headers and the small text parts (name, description, type, url). */
  private static final int OVERHEAD = 64 * 1024;

  private final AttachmentProperties limits;
  private final ObjectMapper json = new ObjectMapper();

  public AttachmentLimitFilter(AttachmentProperties limits) {
    this.limits = limits;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equalsIgnoreCase(request.getMethod()) || !CREATE_PATH.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long maxBytes = limits.maxSize().toBytes();
    long declared = request.getContentLengthLong();
    if (declared > maxBytes + OVERHEAD) {
      reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(null));
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), maxBytes + OVERHEAD);
    if (body == null) {
      reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(null));
      return;
    }
    String boundary = boundary(request.getContentType());
    if (boundary != null) {
      Map<String, Part> parts = MultipartParts.parse(body, boundary);
      Part content = parts.get("content");
      Part namePart = parts.get("attachment-name");
      String name = namePart != null ? namePart.text().trim() : null;
      if ((name == null || name.isEmpty()) && content != null) {
        name = content.fileName();
      }
      if (content != null) {
        if (content.length() > maxBytes) {
          reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(name));
          return;
        }
        // The attachment is stored under attachment-name; both it and the uploaded file's own name
        // must carry an accepted extension, so a renamed executable cannot slip through either way.
        for (String candidate : new String[] {name, content.fileName()}) {
          if (candidate != null && !candidate.isBlank() && !allowed(candidate)) {
            reject(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, wrongType(candidate));
            return;
          }
        }
        if ((name == null || name.isBlank()) && (content.fileName() == null || content.fileName().isBlank())) {
          reject(response, HttpServletResponse.SC_BAD_REQUEST,
              "附件缺少文件名，无法判断类型。 The attachment has no file name, so its type cannot be checked.");
          return;
        }
      }
    }
    chain.doFilter(new ReplayedRequest(request, body), response);
  }

  private boolean allowed(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot >= 0 && limits.allowedTypes().contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private String tooLarge(String name) {
    String file = name == null || name.isBlank() ? "" : "“" + name + "”";
    String fileEn = name == null || name.isBlank() ? "The attachment" : "Attachment \"" + name + "\"";
    return "附件" + file + "超过大小上限 " + limits.maxSizeText() + "。 " + fileEn + " exceeds the size limit of "
        + limits.maxSizeText() + ".";
  }

  private String wrongType(String name) {
    String types = String.join(", ", limits.allowedTypes());
    return "附件“" + name + "”的文件类型不允许，仅接受：" + types + "。 Attachment \"" + name
        + "\" has a file type that is not accepted; accepted types: " + types + ".";
  }

  private void reject(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    Map<String, String> error = new LinkedHashMap<>();
    // Same shape as the engine REST API's own errors, so Tasklist and REST clients show the message.
    error.put("type", "AttachmentRejected");
    error.put("message", message);
    response.getOutputStream().write(json.writeValueAsBytes(error));
  }

  private static String boundary(String contentType) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      return null;
    }
    for (String parameter : contentType.split(";")) {
      String trimmed = parameter.trim();
      if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String value = trimmed.substring("boundary=".length());
        return value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
      }
    }
    return null;
  }

  /** The whole body, or null if it is longer than {@code limit} (chunked uploads have no Content-Length). */
  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int read;
    while ((read = in.read(buffer)) != -1) {
      total += read;
      if (total > limit) {
        return null;
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  /** One part of a multipart body: its name, file name and where its data lies in the body. */
  record Part(String name, String fileName, byte[] body, int start, int end) {
    int length() {
      return end - start;
    }

    String text() {
      return new String(body, start, end - start, StandardCharsets.UTF_8);
    }
  }

  /** Just enough multipart/form-data parsing to find the parts' names, file names and sizes. */
  static final class MultipartParts {
    private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("(?i)filename=\"([^\"]*)\"");

    static Map<String, Part> parse(byte[] body, String boundary) {
      Map<String, Part> parts = new LinkedHashMap<>();
      byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      int position = indexOf(body, delimiter, 0);
      while (position >= 0) {
        int headersStart = position + delimiter.length;
        if (headersStart + 1 < body.length && body[headersStart] == '-' && body[headersStart + 1] == '-') {
          break;
        }
        headersStart += 2;
        int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
        if (headersEnd < 0) {
          break;
        }
        int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), headersEnd + 4);
        if (next < 0) {
          break;
        }
        String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
        var name = NAME.matcher(headers);
        if (name.find()) {
          var fileName = FILE_NAME.matcher(headers);
          parts.put(name.group(1), new Part(name.group(1), fileName.find() ? fileName.group(1) : null, body,
              headersEnd + 4, next));
        }
        position = next + 2;
      }
      return parts;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
      outer:
      for (int i = Math.max(from, 0); i <= data.length - pattern.length; i++) {
        for (int j = 0; j < pattern.length; j++) {
          if (data[i + j] != pattern[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }

  /** The checked body, handed on to the engine as if read from the connection. */
  private static final class ReplayedRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous replay only");
        }
      };
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
