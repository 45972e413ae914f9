using Microsoft.EntityFrameworkCore.Migrations;

namespace Trellis.Web.Features.Clinical;

/// <summary>
/// Database triggers that keep signed clinical records as they were signed, whatever code or SQL
/// tries: a signed note's content and signatures cannot be updated or the note deleted, addenda,
/// plan reviews, safety and relapse prevention plan versions and reconciliations are append-only,
/// a treatment plan version's content never changes and a given signature is never replaced, and a
/// final discharge is frozen. The app refuses all of these first with a clear 409; the triggers are
/// the floor under it. Created by the ClinicalRecord migration and recreated by GroupPartChoices, which
/// added columns to the rules (on regenerating them, keep the calls).
/// </summary>
public static class LockedRecords
{
    private sealed record Rule(string Table, string? Update, string? Delete, string Message);

    private static IEnumerable<Rule> Rules(bool pg, string[] without)
    {
        string Changed(params string[] cols) => string.Join(" OR ", cols.Except(without).Select(c => pg ? $"NEW.\"{c}\" IS DISTINCT FROM OLD.\"{c}\"" : $"NEW.\"{c}\" IS NOT OLD.\"{c}\""));
        string Once(params string[] cols) => string.Join(" OR ", cols.Except(without).Select(c => $"(OLD.\"{c}\" IS NOT NULL AND ({(pg ? $"NEW.\"{c}\" IS DISTINCT FROM OLD.\"{c}\"" : $"NEW.\"{c}\" IS NOT OLD.\"{c}\"")}))"));
        string IsTrue(string col) => pg ? $"OLD.\"{col}\"" : $"OLD.\"{col}\" = 1";
        const string signed = "OLD.\"Status\" <> 'Draft'";
        var signature = new[] { "AuthorStaffId", "AuthorName", "ServiceDate", "SignedAt", "SignedByStaffId", "SignedByName", "IsLateEntry", "LateEntryReason", "CosignRequired" };

        yield return new("ClinicalNotes",
            $"{signed} AND (NEW.\"Status\" = 'Draft' OR {Changed([.. signature, "ParticipantId", "Kind", "Format", "Minutes", "AppointmentId", "GroupNoteId", "Sections", "SimilarityWarning", "IsDeleted", "ParticipationLevel", "Presentation", "InterventionResponse"])} OR {Once("CosignedAt", "CosignedByStaffId", "CosignedByName")})",
            signed, "a signed note is locked: correct it with an addendum");
        yield return new("GroupNotes",
            $"{signed} AND (NEW.\"Status\" = 'Draft' OR {Changed([.. signature, "GroupSessionId", "ProgramId", "Topic", "Summary"])} OR {Once("CosignedAt", "CosignedByStaffId", "CosignedByName")})",
            signed, "a signed group note is locked: correct it with an addendum");
        yield return new("NoteAddenda", "TRUE", "TRUE", "addenda are never changed or removed");
        yield return new("TreatmentPlans",
            $"{Changed("ParticipantId", "Number", "Content", "ChangeSummary", "WrittenByStaffId", "WrittenByName")} OR {Once("ClinicianSignedAt", "SupervisorSignedAt", "ParticipantSignedAt", "ParticipantSignature", "ParticipantDeclinedReason", "SimilarityWarning")}",
            "TRUE", "a treatment plan version is never changed: write the next version");
        yield return new("PlanReviews", "TRUE", "TRUE", "a signed plan review is never changed");
        yield return new("SafetyPlans", "TRUE", "TRUE", "a safety plan version is never changed: save the next version");
        yield return new("RelapsePreventionPlans", "TRUE", "TRUE", "a relapse prevention plan version is never changed: save the next version");
        yield return new("MedicationReconciliations", "TRUE", "TRUE", "a medication reconciliation is never changed");
        yield return new("Discharges", IsTrue("IsFinal"), IsTrue("IsFinal"), "a final discharge is never changed");
    }

    /// <param name="without">Columns a migration's Down has just dropped, left out of the rules it restores.</param>
    public static void Create(MigrationBuilder mb, params string[] without)
    {
        var pg = mb.ActiveProvider?.Contains("Npgsql", StringComparison.Ordinal) == true;
        foreach (var r in Rules(pg, without))
        {
            var name = "trellis_locked_" + r.Table.ToLowerInvariant();
            if (pg)
            {
                mb.Sql($"""
                    CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF TG_OP = 'DELETE' THEN
                            IF {r.Delete ?? "FALSE"} THEN RAISE EXCEPTION '{r.Message}'; END IF;
                            RETURN OLD;
                        END IF;
                        IF {r.Update ?? "FALSE"} THEN RAISE EXCEPTION '{r.Message}'; END IF;
                        RETURN NEW;
                    END $$;
                    """);
                mb.Sql($"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON \"{r.Table}\" FOR EACH ROW EXECUTE FUNCTION {name}();");
            }
            else
            {
                if (r.Update is { } u)
                    mb.Sql($"CREATE TRIGGER {name}_update BEFORE UPDATE ON \"{r.Table}\" WHEN {u.Replace("TRUE", "1")} BEGIN SELECT RAISE(ABORT, '{r.Message}'); END;");
                if (r.Delete is { } d)
                    mb.Sql($"CREATE TRIGGER {name}_delete BEFORE DELETE ON \"{r.Table}\" WHEN {d.Replace("TRUE", "1")} BEGIN SELECT RAISE(ABORT, '{r.Message}'); END;");
            }
        }
        // Goal links of a signed note are part of what was signed.
        const string linkMessage = "the goals of a signed note are locked";
        if (pg)
        {
            mb.Sql($"""
                CREATE FUNCTION trellis_locked_notegoallinks() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE note_id uuid;
                BEGIN
                    note_id := CASE WHEN TG_OP = 'DELETE' THEN OLD."NoteId" ELSE NEW."NoteId" END;
                    IF EXISTS (SELECT 1 FROM "ClinicalNotes" n WHERE n."Id" = note_id AND n."Status" <> 'Draft') THEN
                        RAISE EXCEPTION '{linkMessage}';
                    END IF;
                    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                    RETURN NEW;
                END $$;
                """);
            mb.Sql("CREATE TRIGGER trellis_locked_notegoallinks BEFORE INSERT OR UPDATE OR DELETE ON \"NoteGoalLinks\" FOR EACH ROW EXECUTE FUNCTION trellis_locked_notegoallinks();");
        }
        else
        {
            foreach (var (op, row) in new[] { ("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD") })
                mb.Sql($"CREATE TRIGGER trellis_locked_notegoallinks_{op.ToLowerInvariant()} BEFORE {op} ON \"NoteGoalLinks\" " +
                    $"WHEN (SELECT \"Status\" FROM \"ClinicalNotes\" WHERE \"Id\" = {row}.\"NoteId\") <> 'Draft' BEGIN SELECT RAISE(ABORT, '{linkMessage}'); END;");
        }
    }

    public static void Drop(MigrationBuilder mb)
    {
        var pg = mb.ActiveProvider?.Contains("Npgsql", StringComparison.Ordinal) == true;
        foreach (var r in Rules(pg, []).Select(r => r.Table).Append("NoteGoalLinks"))
        {
            var name = "trellis_locked_" + r.ToLowerInvariant();
            if (pg)
            {
                mb.Sql($"DROP TRIGGER IF EXISTS {name} ON \"{r}\";");
                mb.Sql($"DROP FUNCTION IF EXISTS {name}();");
            }
            else
                foreach (var suffix in new[] { "_update", "_delete", "_insert" })
                    mb.Sql($"DROP TRIGGER IF EXISTS {name}{suffix};");
        }
    }
}
