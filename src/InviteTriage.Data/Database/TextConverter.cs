using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace InviteTriage.Data.Database;

/// <summary>
/// Text is stored without U+0000: PostgreSQL refuses it in text, so a name or a search typed with one would fail as a
/// server error. Both stores take it out alike. The set-based paths write through DraftRules.WithoutNul instead.
/// </summary>
internal sealed class TextConverter() : ValueConverter<string, string>(
    value => value.Contains('\0', StringComparison.Ordinal) ? value.Replace("\0", "", StringComparison.Ordinal) : value,
    value => value);
