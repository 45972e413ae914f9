using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class portalgaps_Modality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Modality",
                table: "ClinicalNotes",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParticipantLocation",
                table: "ClinicalNotes",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Modality",
                table: "Attendance",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "InPerson");

            // Attendance taken before: by video when marked so, or when its session or appointment was held by video
            // (Scheduling's Modalities.EventByVideo: a video room, or a link and no room). Charges read this from now on.
            migrationBuilder.Sql("""
                UPDATE "Attendance" SET "Modality" = 'Video'
                WHERE "Status" = 'Telehealth'
                   OR EXISTS (SELECT 1 FROM "GroupSessions" s LEFT JOIN "Rooms" r ON r."Id" = s."RoomId"
                              WHERE s."Id" = "Attendance"."GroupSessionId" AND (r."IsTelehealth" OR (s."RoomId" IS NULL AND s."TelehealthUrl" IS NOT NULL)))
                   OR EXISTS (SELECT 1 FROM "Appointments" a LEFT JOIN "Rooms" r ON r."Id" = a."RoomId"
                              WHERE a."Id" = "Attendance"."AppointmentId" AND (r."IsTelehealth" OR (a."RoomId" IS NULL AND a."TelehealthUrl" IS NOT NULL)));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Modality",
                table: "ClinicalNotes");

            migrationBuilder.DropColumn(
                name: "ParticipantLocation",
                table: "ClinicalNotes");

            migrationBuilder.DropColumn(
                name: "Modality",
                table: "Attendance");
        }
    }
}
