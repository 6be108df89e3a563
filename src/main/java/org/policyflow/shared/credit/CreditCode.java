package org.policyflow.shared.credit;

import java.util.Locale;
import java.util.Optional;
import org.policyflow.shared.rules.RuleViolation;

/**
 * The 18-character unified social credit code (统一社会信用代码, GB 32100-2015) that identifies every
 * organisation in every programme. Checks the character set and the final check character.
 */
public final class CreditCode {

  /** GB 32100-2015 code characters: digits and capitals without I, O, S, V, Z. */
  static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  public static final String RULE = "USCC";

  private CreditCode() {}

  /** Upper-cased and trimmed, as people type it. */
  public static String normalise(String code) {
    return code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
  }

  /** Empty when valid; otherwise what is wrong, naming the field. */
  public static Optional<RuleViolation> check(String field, String rawCode) {
    String code = normalise(rawCode);
    if (code.length() != 18) {
      return Optional.of(new RuleViolation(RULE, field,
          "统一社会信用代码应为18位，当前为" + code.length() + "位",
          "The unified social credit code must have 18 characters, not " + code.length()));
    }
    for (int i = 0; i < code.length(); i++) {
      if (CHARACTERS.indexOf(code.charAt(i)) < 0) {
        return Optional.of(new RuleViolation(RULE, field,
            "统一社会信用代码第" + (i + 1) + "位字符“" + code.charAt(i) + "”不合法",
            "Character " + (i + 1) + " ('" + code.charAt(i) + "') is not allowed in a unified social credit code"));
      }
    }
    char expected = checkCharacter(code.substring(0, 17));
    if (code.charAt(17) != expected) {
      return Optional.of(new RuleViolation(RULE, field,
          "统一社会信用代码校验位错误，请核对代码",
          "The check character of the unified social credit code is wrong: please check the code"));
    }
    return Optional.empty();
  }

  public static boolean isValid(String code) {
    return check("creditCode", code).isEmpty();
  }

  /** The 18th character for the first 17. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += CHARACTERS.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    int check = (31 - sum % 31) % 31;
    return CHARACTERS.charAt(check);
  }
}
