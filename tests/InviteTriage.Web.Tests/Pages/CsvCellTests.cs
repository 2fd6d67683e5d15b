using InviteTriage.Web.Components.Pages.History;

namespace InviteTriage.Web.Tests.Pages;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("Acme;=1+1", "Acme;'=1+1")]
    [InlineData("a; b;@SUM(A1)", "a; b;'@SUM(A1)")]
    [InlineData("+49 151 000", "'+49 151 000")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1:A2)", "'@SUM(A1:A2)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public void Escape_TextAFormulaCouldStartWith_IsPrefixedWithAQuote(string value, string expected)
    {
        var cell = CsvCell.Escape(value);

        cell.Should().Be(expected);
    }

    [Theory]
    [InlineData("Anna Berg", "Anna Berg")]
    [InlineData("a=b", "a=b")]
    [InlineData("not-known", "not-known")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("Müller & Söhne", "Müller & Söhne")]
    public void Escape_PlainText_IsUnchanged(string value, string expected)
    {
        var cell = CsvCell.Escape(value);

        cell.Should().Be(expected);
    }

    [Theory]
    [InlineData("Berg, Anna", "\"Berg, Anna\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Escape_TextWithCommasQuotesOrLineBreaks_IsQuotedAsRfc4180Says(string value, string expected)
    {
        var cell = CsvCell.Escape(value);

        cell.Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Escape_NoValue_IsAnEmptyCell(string? value)
    {
        var cell = CsvCell.Escape(value);

        cell.Should().BeEmpty();
    }
}
