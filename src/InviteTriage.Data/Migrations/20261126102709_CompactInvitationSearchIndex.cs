using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InviteTriage.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompactInvitationSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search index keeps which rows hold each three-character sequence, no longer where in the row
            // (detail=none). At a million invitations it was 296 MB, as large as the invitations themselves, and building
            // it took 18 s of a bulk import; without positions it is 59 MB and takes 8 s. A search now asks for every
            // sequence of its text instead of the phrase (SqliteDialect.SearchCandidates); LIKE still decides. The
            // triggers name the table, so they keep it from here on, unchanged.
            migrationBuilder.Sql("""DROP TABLE "InvitationSearch";""");
            migrationBuilder.Sql(
                """
                CREATE VIRTUAL TABLE "InvitationSearch" USING fts5(
                    "SenderName", "SenderHeadline", "Company", "Message",
                    content='Invitations', content_rowid='Id', tokenize='trigram', columnsize=0, detail=none);
                """);
            migrationBuilder.Sql("""INSERT INTO "InvitationSearch" ("InvitationSearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "InvitationSearch";""");
            migrationBuilder.Sql(
                """
                CREATE VIRTUAL TABLE "InvitationSearch" USING fts5(
                    "SenderName", "SenderHeadline", "Company", "Message",
                    content='Invitations', content_rowid='Id', tokenize='trigram', columnsize=0);
                """);
            migrationBuilder.Sql("""INSERT INTO "InvitationSearch" ("InvitationSearch") VALUES ('rebuild');""");
        }
    }
}
