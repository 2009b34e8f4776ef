package cn.changji.archive.failure;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Values a user gives (query parameters, command-line options), read, or refused with a detail naming the parameter. */
public final class Parameters {
    private Parameters() {}

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
        throw ArchiveException.invalid("Query parameter '" + name + "' must be a positive whole number, got '" + value + "'.");
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
        throw ArchiveException.invalid("Query parameter '" + name + "' must be an ISO date (yyyy-MM-dd), got '" + value + "'.");
    }

    public static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ArchiveException.invalid("Query parameter '" + name + "' must be true or false, got '" + value + "'.");
        };
    }
}
