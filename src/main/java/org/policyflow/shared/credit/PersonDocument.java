package org.policyflow.shared.credit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identity document that makes a person in the credit registry someone, not a name: two people share a
 * name, nobody shares a document number. Types are those a Chinese credit record names a person by.
 */
public final class PersonDocument {

  /** Type code → Chinese name, as the forms offer them. */
  public static final Map<String, String> TYPES = Map.of(
      "resident-id", "居民身份证",
      "passport", "护照",
      "hk-macao-permit", "港澳居民来往内地通行证",
      "taiwan-permit", "台湾居民来往大陆通行证",
      "foreign-permanent-residence", "外国人永久居留身份证");

  private static final Pattern RESIDENT_ID = Pattern.compile("\\d{17}[\\dX]");
  private static final Pattern OTHER = Pattern.compile("[A-Z0-9]{5,20}");
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private PersonDocument() {}

  /** Upper case without spaces: the form in which a number is stored and looked up. */
  public static String normalise(String number) {
    return number == null ? "" : number.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
  }

  /** Why the document cannot identify a person (Chinese, English), or empty when it can. */
  public static Optional<String[]> problem(String type, String number) {
    if (type == null || !TYPES.containsKey(type)) {
      return Optional.of(new String[] {"请选择证件类型", "choose the document type"});
    }
    String normal = normalise(number);
    if ("resident-id".equals(type)) {
      if (!RESIDENT_ID.matcher(normal).matches() || normal.charAt(17) != checkCharacter(normal)) {
        return Optional.of(new String[] {"居民身份证号码应为18位且校验位正确", "a resident ID number has 18 characters and a valid check digit"});
      }
    } else if (!OTHER.matcher(normal).matches()) {
      return Optional.of(new String[] {"证件号码应为5至20位字母或数字", "a document number has 5 to 20 letters or digits"});
    }
    return Optional.empty();
  }

  /**
   * The number as a refusal or a record shown to others may carry it: enough to tell the holder apart
   * (region and the last four), not enough to use it — "110108********123X".
   */
  public static String mask(String number) {
    String normal = normalise(number);
    int keepStart = normal.length() >= 14 ? 6 : Math.min(2, normal.length() / 3);
    int keepEnd = normal.length() >= 14 ? 4 : Math.min(2, normal.length() / 3);
    return normal.substring(0, keepStart) + "*".repeat(normal.length() - keepStart - keepEnd)
        + normal.substring(normal.length() - keepEnd);
  }

  /** GB 11643-1999 check character of the first 17 digits. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }
}
