using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GroupPartChoices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SimilarityWarning",
                table: "TreatmentPlans",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InterventionResponse",
                table: "ClinicalNotes",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParticipationLevel",
                table: "ClinicalNotes",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Presentation",
                table: "ClinicalNotes",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            // The lock triggers now cover the new columns: a signed part's choices and a plan's confirmed warning are locked too.
            Trellis.Web.Features.Clinical.LockedRecords.Drop(migrationBuilder);
            Trellis.Web.Features.Clinical.LockedRecords.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Trellis.Web.Features.Clinical.LockedRecords.Drop(migrationBuilder);
            migrationBuilder.DropColumn(
                name: "SimilarityWarning",
                table: "TreatmentPlans");

            migrationBuilder.DropColumn(
                name: "InterventionResponse",
                table: "ClinicalNotes");

            migrationBuilder.DropColumn(
                name: "ParticipationLevel",
                table: "ClinicalNotes");

            migrationBuilder.DropColumn(
                name: "Presentation",
                table: "ClinicalNotes");

            Trellis.Web.Features.Clinical.LockedRecords.Create(migrationBuilder, "SimilarityWarning", "InterventionResponse", "ParticipationLevel", "Presentation");
        }
    }
}
