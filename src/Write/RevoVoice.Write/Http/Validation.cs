using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace RevoVoice.Write.Http;

/// <summary>
/// The checks the use cases' <c>Validate</c> methods share. A failed check answers 422 with every problem named;
/// Wolverine stops before the handler runs.
/// </summary>
public static class Validation
{
    public const int MaxTextLength = 8_000;
    public const int MaxNameLength = 200;

    public static ProblemDetails Result(params string?[] errors)
    {
        var found = errors.Where(e => e is not null).ToArray();
        return found.Length == 0
            ? WolverineContinue.NoProblems
            : new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The command is not valid",
                Detail = string.Join(" ", found),
            };
    }

    public static string? Id(Guid id, string field) => id == Guid.Empty ? $"{field} is required." : null;

    public static string? Text(string? text, string field, int maxLength = MaxTextLength) =>
        string.IsNullOrWhiteSpace(text) ? $"{field} must not be empty."
        : text.Length > maxLength ? $"{field} must be at most {maxLength} characters."
        : null;

    public static string? Range(double value, double min, double max, string field) =>
        double.IsNaN(value) || value < min || value > max ? $"{field} must be between {min} and {max}." : null;

    public static string? Range(long value, long min, long max, string field) =>
        value < min || value > max ? $"{field} must be between {min} and {max}." : null;

    public static string? Defined<TEnum>(TEnum value, string field) where TEnum : struct, Enum =>
        Enum.IsDefined(value) ? null : $"{field} has an unknown value.";
}
