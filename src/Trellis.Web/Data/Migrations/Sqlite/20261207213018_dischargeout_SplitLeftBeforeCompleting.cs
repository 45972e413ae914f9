using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Trellis.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// "LeftBeforeCompleting" split into LeftAgainstAdvice and LostToContact (reasons are stored by name): a row whose own
    /// detail says contact was lost becomes LostToContact, every other one LeftAgainstAdvice; final discharges too, with
    /// their lock lifted for that statement only. Down joins them again. No column changes.
    /// </summary>
    public partial class dischargeout_SplitLeftBeforeCompleting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            Trellis.Web.Features.Clinical.LockedRecords.WhileUnlocked(migrationBuilder, "Discharges", Trellis.Web.Features.Discharge.DischargeReasons.SplitSql(up: true));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            Trellis.Web.Features.Clinical.LockedRecords.WhileUnlocked(migrationBuilder, "Discharges", Trellis.Web.Features.Discharge.DischargeReasons.SplitSql(up: false));
    }
}
