using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InviteTriage.Data.Migrations
{
    /// <inheritdoc />
    public partial class MergeInvitationsAcrossSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SenderNameKey",
                table: "Invitations",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "ImportMerges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportBatchId = table.Column<long>(type: "INTEGER", nullable: false),
                    InvitationId = table.Column<long>(type: "INTEGER", nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportMerges_ImportBatches_ImportBatchId",
                        column: x => x.ImportBatchId,
                        principalTable: "ImportBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ImportMerges_Invitations_InvitationId",
                        column: x => x.InvitationId,
                        principalTable: "Invitations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_OwnerId_SenderNameKey_SentAt",
                table: "Invitations",
                columns: new[] { "OwnerId", "SenderNameKey", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportMerges_ImportBatchId",
                table: "ImportMerges",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportMerges_InvitationId",
                table: "ImportMerges",
                column: "InvitationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportMerges");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_OwnerId_SenderNameKey_SentAt",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "SenderNameKey",
                table: "Invitations");
        }
    }
}
