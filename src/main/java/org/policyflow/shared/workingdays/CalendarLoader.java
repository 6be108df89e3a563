package org.policyflow.shared.workingdays;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Collects the year files: first the ones shipped in the application ({@code working-days/*.json} on
 * the classpath), then those of the administrator's external directory. An external file replaces the
 * shipped file of the same year, so a corrected or newly published notice needs no release.
 */
public final class CalendarLoader {

  static final String BUILT_IN_PATTERN = "classpath*:working-days/*.json";

  private CalendarLoader() {}

  /** One year's file: the validated arrangement and the text it was read from (kept when it seeds the database). */
  public record LoadedFile(YearArrangement arrangement, String content) {}

  /** @param directory the external directory, or {@code null} for the shipped files only */
  public static Map<Integer, YearArrangement> load(Path directory) {
    Map<Integer, YearArrangement> years = new TreeMap<>();
    loadFiles(directory).forEach((year, file) -> years.put(year, file.arrangement()));
    return Map.copyOf(years);
  }

  /** The year files with their text; an external file replaces the shipped file of its year. */
  public static Map<Integer, LoadedFile> loadFiles(Path directory) {
    Map<Integer, LoadedFile> years = new TreeMap<>();
    for (Resource resource : builtIn()) {
      byte[] content = bytes(resource);
      YearArrangement year = CalendarFileReader.read("classpath:working-days/" + resource.getFilename(),
          resource.getFilename(), content);
      years.put(year.year(), new LoadedFile(year, new String(content, StandardCharsets.UTF_8)));
    }
    if (directory != null) {
      for (Path file : external(directory)) {
        byte[] content = bytes(file);
        YearArrangement year = CalendarFileReader.read(file.toAbsolutePath().toString(),
            file.getFileName().toString(), content);
        years.put(year.year(), new LoadedFile(year, new String(content, StandardCharsets.UTF_8)));
      }
    }
    return years;
  }

  private static Resource[] builtIn() {
    try {
      return new PathMatchingResourcePatternResolver().getResources(BUILT_IN_PATTERN);
    } catch (IOException e) {
      throw CalendarDataException.directory("classpath:working-days", "无法读取。", "cannot be read.", e);
    }
  }

  private static List<Path> external(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw CalendarDataException.directory(directory.toAbsolutePath(),
          "不存在或不是目录（见配置项 policyflow.working-days.directory）。",
          "does not exist or is not a directory (see property policyflow.working-days.directory).", null);
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw CalendarDataException.directory(directory.toAbsolutePath(), "无法读取。", "cannot be read.", e);
    }
  }

  private static byte[] bytes(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw CalendarDataException.file(String.valueOf(resource), "无法读取。", "cannot be read.", e);
    }
  }

  private static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw CalendarDataException.file(file.toAbsolutePath().toString(), "无法读取。", "cannot be read.", e);
    }
  }
}
