using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class cobSecondaryClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Secondary",
                table: "Remittances",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "PrimaryClaimId",
                table: "Claims",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "PriorPayerAmount",
                table: "Claims",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<Guid>(
                name: "SecondaryClaimId",
                table: "Claims",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_PrimaryClaimId",
                table: "Claims",
                column: "PrimaryClaimId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Claims_PrimaryClaimId",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "Secondary",
                table: "Remittances");

            migrationBuilder.DropColumn(
                name: "PrimaryClaimId",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "PriorPayerAmount",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "SecondaryClaimId",
                table: "Claims");
        }
    }
}
