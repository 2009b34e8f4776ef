package cn.changji.archive.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Query parameters read by hand, so a bad value gets a 400 that names the parameter and says what it takes. */
public final class QueryParams {
    private QueryParams() {}

    public static Integer positiveInt(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProblemException(400, "Query parameter '" + name + "' must be a positive whole number, got '" + value + "'.");
    }

    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.matches("\\d{4}-\\d{2}-\\d{2}")) { // not the signed, longer years ISO allows: Elasticsearch refuses them
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new ProblemException(400, "Query parameter '" + name + "' must be an ISO date (yyyy-MM-dd), got '" + value + "'.");
    }

    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ProblemException(400, "Query parameter '" + name + "' must be true or false, got '" + value + "'.");
        };
    }
}
