using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace InviteTriage.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddInvitationTimelineIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Invitations_OwnerId_SentAt",
                table: "Invitations",
                columns: new[] { "OwnerId", "SentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invitations_OwnerId_SentAt",
                table: "Invitations");
        }
    }
}
