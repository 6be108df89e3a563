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
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.camunda.bpm.engine.rest.mapper.MultipartFormData;
import org.camunda.bpm.engine.rest.mapper.MultipartFormData.FormPart;
import org.camunda.bpm.engine.rest.mapper.MultipartPayloadProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Enforces {@link AttachmentProperties} on the engine's attachment upload
 * ({@code POST …/task/{id}/attachment/create}) of both the REST API and the webapps' session API, so
 * the Tasklist tab's checks are not the only ones: a script or portal cannot bypass them.
 *
 * <p>The engine itself accepts any size and type. The body is buffered (never more than the limit plus
 * the multipart overhead, Content-Length or not), parsed by the engine REST API's own multipart reader
 * so that the file checked is the file the engine would store, and replayed to the engine unchanged.
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
    // The path as the container routed it (decoded, path parameters removed), which is what JAX-RS
    // matches: the raw URI could say /attachment/%63reate or /create;x=y and still reach the resource.
    String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
    String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
    return !"POST".equalsIgnoreCase(request.getMethod()) || !CREATE_PATH.matcher(servletPath + pathInfo).matches();
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
    // Read whatever the client sends, with or without Content-Length (chunked), never more than the limit.
    byte[] body = readAtMost(request.getInputStream(), maxBytes + OVERHEAD);
    if (body == null) {
      reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(null));
      return;
    }
    MultipartFormData form;
    try {
      form = parseAsTheEngineDoes(request, body);
    } catch (RuntimeException | IOException unreadable) {
      reject(response, HttpServletResponse.SC_BAD_REQUEST, "附件请求无法解析，须为 multipart/form-data。 "
          + "The attachment request cannot be read; it must be multipart/form-data.");
      return;
    }
    if (form != null) {
      FormPart content = form.getNamedPart("content");
      FormPart namePart = form.getNamedPart("attachment-name");
      String name = namePart != null && namePart.getTextContent() != null ? namePart.getTextContent().trim() : null;
      if (content != null) {
        String fileName = content.getFileName();
        if ((name == null || name.isEmpty())) {
          name = fileName;
        }
        byte[] data = content.getBinaryContent() != null ? content.getBinaryContent()
            : content.getTextContent() == null ? new byte[0] : content.getTextContent().getBytes(StandardCharsets.UTF_8);
        if (data.length > maxBytes) {
          reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, tooLarge(name));
          return;
        }
        // The attachment is stored under attachment-name; both it and the uploaded file's own name
        // must carry an accepted extension, so a renamed executable cannot slip through either way.
        for (String candidate : new String[] {name, fileName}) {
          if (candidate != null && !candidate.isBlank() && !allowed(candidate)) {
            reject(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, wrongType(candidate));
            return;
          }
        }
        if ((name == null || name.isBlank()) && (fileName == null || fileName.isBlank())) {
          reject(response, HttpServletResponse.SC_BAD_REQUEST,
              "附件缺少文件名，无法判断类型。 The attachment has no file name, so its type cannot be checked.");
          return;
        }
      }
    }
    chain.doFilter(new ReplayedRequest(request, body), response);
  }

  /**
   * The form exactly as the engine will read it: the Content-Type parsed by JAX-RS, the body by the
   * engine REST API's own multipart reader. Null when the request is not multipart/form-data, which the
   * engine's resource does not accept at all (415).
   */
  private static MultipartFormData parseAsTheEngineDoes(HttpServletRequest request, byte[] body) throws IOException {
    String header = request.getContentType();
    if (header == null) {
      return null;
    }
    jakarta.ws.rs.core.MediaType type = jakarta.ws.rs.core.MediaType.valueOf(header);
    if (!jakarta.ws.rs.core.MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(type)) {
      return null;
    }
    MultivaluedHashMap<String, String> headers = new MultivaluedHashMap<>();
    // The reader looks the header up as "content-type" (JAX-RS header maps ignore case).
    headers.putSingle("content-type", header);
    return new MultipartPayloadProvider().readFrom(MultipartFormData.class, MultipartFormData.class,
        new java.lang.annotation.Annotation[0], type, headers, new ByteArrayInputStream(body));
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

  /** The checked body, handed on to the engine as if read from the connection. */
  static final class ReplayedRequest extends HttpServletRequestWrapper {
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
          // The whole body is already in memory: it is ready at once and never waits for the connection.
          try {
            listener.onDataAvailable();
            if (isFinished()) {
              listener.onAllDataRead();
            }
          } catch (IOException | RuntimeException e) {
            listener.onError(e);
          }
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
