package org.policyflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The five policy texts (src/test/resources/seeds, copies of the published documents) that tests quote
 * against, so that a label or a rule's clause can be checked word for word.
 */
public final class SeedTexts {

  private SeedTexts() {
  }

  /** The text of the seed whose file name starts with {@code number} ("000" … "004"). */
  public static String read(String number) {
    try {
      Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath:seeds/" + number + "_*.txt");
      if (found.length != 1) {
        throw new IllegalStateException("seed " + number + ": " + found.length + " files");
      }
      return found[0].getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
