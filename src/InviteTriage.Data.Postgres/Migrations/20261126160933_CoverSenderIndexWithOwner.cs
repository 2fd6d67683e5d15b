using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InviteTriage.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CoverSenderIndexWithOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_SenderKey_SentAt",
                table: "Invitations");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_SenderKey_SentAt_OwnerId",
                table: "Invitations",
                columns: new[] { "SenderKey", "SentAt", "OwnerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_SenderKey_SentAt_OwnerId",
                table: "Invitations");

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_SenderKey_SentAt",
                table: "Invitations",
                columns: new[] { "SenderKey", "SentAt" });
        }
    }
}
