using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling.SchedulingDemo;

/// <summary>Staff hours for appointments and the weekly appointments booked into them.</summary>
internal static class DemoAppointments
{
    public static List<StaffAvailability> AddAvailability(DemoContext demo)
    {
        var list = new List<StaffAvailability>();
        var offices = demo.Rooms.Where(r => r.Name.StartsWith("Office")).ToList();
        var n = 0;
        foreach (var s in demo.Staff)
        {
            var role = demo.RolesOf(s).FirstOrDefault();
            var program = s.Programs.FirstOrDefault()?.ProgramId;
            if (program is null) continue;
            var mh = program == demo.MentalHealth.Id;
            (DayOfWeek Day, int From, int To, ServiceType Type, int Minutes)[] windows = role switch
            {
                Roles.Clinician when s.Id == demo.DemoStaff[Roles.Clinician].Id =>
                    // Friday afternoon: Friday mornings they lead the weekend track's process group.
                    [(DayOfWeek.Tuesday, 13, 17, ServiceType.IndividualTherapy, 50), (DayOfWeek.Wednesday, 13, 17, ServiceType.IndividualTherapy, 50), (DayOfWeek.Friday, 13, 16, ServiceType.IndividualTherapy, 50)],
                Roles.Clinician => mh
                    ? [(DayOfWeek.Tuesday, 13, 17, ServiceType.IndividualTherapy, 50), (DayOfWeek.Friday, 13, 17, ServiceType.IndividualTherapy, 50)]
                    : [(DayOfWeek.Monday, 13, 17, ServiceType.IndividualTherapy, 50), (DayOfWeek.Thursday, 13, 17, ServiceType.IndividualTherapy, 50)],
                Roles.Prescriber => [(DayOfWeek.Wednesday, 13, 17, ServiceType.MedicationManagement, 30)],
                Roles.CaseManager => [(DayOfWeek.Tuesday, 13, 16, ServiceType.CaseManagement, 50), (DayOfWeek.Thursday, 13, 16, ServiceType.CaseManagement, 50)],
                _ => [],
            };
            var office = offices[n++ % offices.Count];
            foreach (var w in windows)
            {
                var a = new StaffAvailability
                {
                    StaffMemberId = s.Id, ProgramId = program.Value, Day = w.Day, StartTime = new TimeOnly(w.From, 0), EndTime = new TimeOnly(w.To, 0),
                    ServiceType = w.Type, SlotMinutes = w.Minutes, RoomId = office.Id,
                };
                list.Add(a);
                demo.Db.Add(a);
            }
        }
        return list;
    }

    /// <summary>Weekly individual therapy with the primary clinician, and medication management every other week.</summary>
    public static List<Appointment> AddAppointments(DemoContext demo, List<StaffAvailability> availability, DateOnly firstWeek, DateOnly today, TimeZoneInfo zone)
    {
        var booked = new List<Appointment>();
        var taken = new HashSet<(Guid Staff, DayOfWeek Day, TimeOnly Start)>();
        var current = ProgramClock.WeekStart(today);
        foreach (var p in demo.Participants.Where(p => p.Status is ParticipantStatus.Active or ParticipantStatus.Admitted))
        {
            foreach (var (staffId, type, everyOther) in new[] { (p.PrimaryClinicianId, ServiceType.IndividualTherapy, false), (p.PrescriberId, ServiceType.MedicationManagement, true) })
            {
                if (staffId is null) continue;
                var slot = FreeSlot(availability.Where(a => a.StaffMemberId == staffId && a.ServiceType == type), taken);
                if (slot is null) continue;
                var series = Guid.CreateVersion7();
                for (var week = firstWeek; week <= current.AddDays(28); week = week.AddDays(everyOther ? 14 : 7))
                {
                    var day = week.AddDays(((int)slot.Value.Window.Day + 6) % 7);
                    if (day < p.AdmittedOn) continue;
                    var a = new Appointment
                    {
                        ParticipantId = p.Id, StaffMemberId = staffId.Value, ServiceType = type, LocalDate = day,
                        StartsAt = ProgramClock.ToInstant(day, slot.Value.Start, zone),
                        EndsAt = ProgramClock.ToInstant(day, slot.Value.Start.AddMinutes(slot.Value.Window.SlotMinutes), zone),
                        RoomId = slot.Value.Window.RoomId, SeriesId = series,
                    };
                    booked.Add(a);
                    demo.Db.Add(a);
                }
            }
        }
        return booked;
    }

    private static (StaffAvailability Window, TimeOnly Start)? FreeSlot(IEnumerable<StaffAvailability> windows, HashSet<(Guid, DayOfWeek, TimeOnly)> taken)
    {
        foreach (var w in windows)
            for (var t = w.StartTime; t.AddMinutes(w.SlotMinutes) <= w.EndTime && t >= w.StartTime; t = t.AddMinutes(w.SlotMinutes < 60 && w.SlotMinutes > 30 ? 60 : w.SlotMinutes))
                if (taken.Add((w.StaffMemberId, w.Day, t))) return (w, t);
        return null;
    }
}
