using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InviteTriage.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddInvitationTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InvitationTallies",
                columns: table => new
                {
                    OwnerId = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    InFlock = table.Column<bool>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitationTallies", x => new { x.OwnerId, x.Status, x.InFlock });
                    table.ForeignKey(
                        name: "FK_InvitationTallies_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_OwnerId_Status_SentAt_InFlock",
                table: "Invitations",
                columns: new[] { "OwnerId", "Status", "SentAt" },
                filter: "\"FlockId\" IS NOT NULL");

            // The tallies start from the rows already stored; from here on the triggers keep them, in the statement
            // that changes the rows, whichever path writes (imports, decisions, undo, detection, aliases, deletes).
            migrationBuilder.Sql(
                """
                INSERT INTO "InvitationTallies" ("OwnerId", "Status", "InFlock", "Count")
                SELECT "OwnerId", "Status", "FlockId" IS NOT NULL, COUNT(*) FROM "Invitations" GROUP BY 1, 2, 3;
                """);

            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Invitations_Tally_Insert" AFTER INSERT ON "Invitations"
                BEGIN
                    INSERT INTO "InvitationTallies" ("OwnerId", "Status", "InFlock", "Count")
                    VALUES (NEW."OwnerId", NEW."Status", NEW."FlockId" IS NOT NULL, 1)
                    ON CONFLICT ("OwnerId", "Status", "InFlock") DO UPDATE SET "Count" = "Count" + 1;
                END;
                """);

            // Removing or moving an invitation only subtracts from a tally that exists, and adds only for a member who
            // still exists: a member's deletion cascades to invitations, flocks (FlockId set to null) and tallies in
            // any order, and must not write a tally back for the member being deleted.
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Invitations_Tally_Delete" AFTER DELETE ON "Invitations"
                BEGIN
                    UPDATE "InvitationTallies" SET "Count" = "Count" - 1
                    WHERE "OwnerId" = OLD."OwnerId" AND "Status" = OLD."Status" AND "InFlock" = (OLD."FlockId" IS NOT NULL);
                END;
                """);

            migrationBuilder.Sql(
                """
                CREATE TRIGGER "Invitations_Tally_Update" AFTER UPDATE OF "OwnerId", "Status", "FlockId" ON "Invitations"
                WHEN OLD."OwnerId" IS NOT NEW."OwnerId" OR OLD."Status" IS NOT NEW."Status" OR (OLD."FlockId" IS NULL) <> (NEW."FlockId" IS NULL)
                BEGIN
                    UPDATE "InvitationTallies" SET "Count" = "Count" - 1
                    WHERE "OwnerId" = OLD."OwnerId" AND "Status" = OLD."Status" AND "InFlock" = (OLD."FlockId" IS NOT NULL);
                    INSERT INTO "InvitationTallies" ("OwnerId", "Status", "InFlock", "Count")
                    SELECT NEW."OwnerId", NEW."Status", NEW."FlockId" IS NOT NULL, 1
                    WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = NEW."OwnerId")
                    ON CONFLICT ("OwnerId", "Status", "InFlock") DO UPDATE SET "Count" = "Count" + 1;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Invitations_Tally_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER "Invitations_Tally_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER "Invitations_Tally_Insert";""");

            migrationBuilder.DropTable(
                name: "InvitationTallies");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_OwnerId_Status_SentAt_InFlock",
                table: "Invitations");
        }
    }
}
