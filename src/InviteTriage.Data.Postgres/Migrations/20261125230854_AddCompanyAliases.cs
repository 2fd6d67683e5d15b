using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace InviteTriage.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddCompanyAliases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CompanyAliases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<string>(type: "text", nullable: false),
                    AliasKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    AliasName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CanonicalKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CanonicalName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyAliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CompanyAliases_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CompanyAliases_OwnerId_AliasKey",
                table: "CompanyAliases",
                columns: new[] { "OwnerId", "AliasKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CompanyAliases_OwnerId_CanonicalKey",
                table: "CompanyAliases",
                columns: new[] { "OwnerId", "CanonicalKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompanyAliases");
        }
    }
}
