using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InviteTriage.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddInvitationSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search box's index: every three-character sequence of the four columns it searches, folded to lower
            // case, pointing at the invitation's Id. An external-content table stores no copy of the text, only the
            // index; "columnsize=0" leaves out the sizes that only ranking would read. It only narrows: the search's
            // LIKE still decides what matches (SqliteDialect.SearchCandidates).
            migrationBuilder.Sql(
                """
                CREATE VIRTUAL TABLE "InvitationSearch" USING fts5(
                    "SenderName", "SenderHeadline", "Company", "Message",
                    content='Invitations', content_rowid='Id', tokenize='trigram', columnsize=0);
                """);

            migrationBuilder.Sql("""INSERT INTO "InvitationSearch" ("InvitationSearch") VALUES ('rebuild');""");

            // From here on the triggers keep it, in the statement that changes the rows, whichever path writes. An
            // external-content index must be told the old text to take a row out, so the delete and update triggers
            // pass it. An update that leaves the text as it was changes nothing.
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Invitations_Search_Insert" AFTER INSERT ON "Invitations"
                BEGIN
                    INSERT INTO "InvitationSearch" (rowid, "SenderName", "SenderHeadline", "Company", "Message")
                    VALUES (NEW."Id", NEW."SenderName", NEW."SenderHeadline", NEW."Company", NEW."Message");
                END;
                """);

            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Invitations_Search_Delete" AFTER DELETE ON "Invitations"
                BEGIN
                    INSERT INTO "InvitationSearch" ("InvitationSearch", rowid, "SenderName", "SenderHeadline", "Company", "Message")
                    VALUES ('delete', OLD."Id", OLD."SenderName", OLD."SenderHeadline", OLD."Company", OLD."Message");
                END;
                """);

            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Invitations_Search_Update" AFTER UPDATE OF "SenderName", "SenderHeadline", "Company", "Message" ON "Invitations"
                WHEN OLD."SenderName" IS NOT NEW."SenderName" OR OLD."SenderHeadline" IS NOT NEW."SenderHeadline"
                    OR OLD."Company" IS NOT NEW."Company" OR OLD."Message" IS NOT NEW."Message"
                BEGIN
                    INSERT INTO "InvitationSearch" ("InvitationSearch", rowid, "SenderName", "SenderHeadline", "Company", "Message")
                    VALUES ('delete', OLD."Id", OLD."SenderName", OLD."SenderHeadline", OLD."Company", OLD."Message");
                    INSERT INTO "InvitationSearch" (rowid, "SenderName", "SenderHeadline", "Company", "Message")
                    VALUES (NEW."Id", NEW."SenderName", NEW."SenderHeadline", NEW."Company", NEW."Message");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Invitations_Search_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Invitations_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Invitations_Search_Insert";""");
            migrationBuilder.Sql("""DROP TABLE "InvitationSearch";""");
        }
    }
}
