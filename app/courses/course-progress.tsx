import { useEffect, useId, useRef, useState } from "react";
import { type CourseStatus } from "~/db/vocabularies";
import type { CourseProgress } from "~/realtime/hub.server";
import { useLiveEvent } from "~/ui/live-connection";
import { courseStatusLabels, progressAnnouncements, progressText } from "./texts";

/** A course's figures as the progress bar and the live updates carry them. */
export function progressOf(course: {
  id: string;
  pledgedSeats: number;
  minParticipants: number;
  maxParticipants: number;
  status: CourseStatus;
}): CourseProgress {
  return {
    courseId: course.id,
    pledgedSeats: course.pledgedSeats,
    minParticipants: course.minParticipants,
    maxParticipants: course.maxParticipants,
    status: course.status,
  };
}

const badgeClass: Record<CourseStatus, string> = {
  open: "badge",
  confirmed: "badge badge--confirmed",
  cancelled: "badge badge--ended",
};

function CourseStatusBadge({ status }: { status: CourseStatus }) {
  return <span className={badgeClass[status]}>{courseStatusLabels[status]}</span>;
}

/** What screen readers hear when the figures change while the page is open. */
function announcementFor(before: CourseProgress, after: CourseProgress): string {
  if (after.status !== before.status && after.status !== "open") {
    return progressAnnouncements[after.status];
  }
  return progressAnnouncements.changed(
    progressText(after.pledgedSeats, after.minParticipants, after.maxParticipants),
  );
}

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.min(100, Math.round((part / whole) * 1000) / 10) : 0;

/**
 * The status and the pledged seats of a course as a bar from 0 to the maximum, with a mark at
 * the minimum. It follows "course:changed" live without reloading the page; changes are read
 * out politely. The bar's widths are SVG attributes because the CSP forbids inline styles.
 */
export function CourseProgressBar({ progress: loaded }: { progress: CourseProgress }) {
  const [progress, setProgress] = useState(loaded);
  const [announcement, setAnnouncement] = useState("");
  const shown = useRef(loaded);
  const textId = useId();

  // A reload through the loader (e.g. after one's own pledge) brings newer figures.
  const { pledgedSeats, minParticipants, maxParticipants, status } = loaded;
  useEffect(() => {
    const next = { ...shown.current, pledgedSeats, minParticipants, maxParticipants, status };
    shown.current = next;
    setProgress(next);
  }, [pledgedSeats, minParticipants, maxParticipants, status]);

  useLiveEvent("course:changed", (change) => {
    if (change.courseId !== loaded.courseId) return;
    setAnnouncement(announcementFor(shown.current, change));
    shown.current = change;
    setProgress(change);
  });

  const text = progressText(
    progress.pledgedSeats,
    progress.minParticipants,
    progress.maxParticipants,
  );
  const filled = percent(progress.pledgedSeats, progress.maxParticipants);
  const minimumAt = percent(progress.minParticipants, progress.maxParticipants);
  return (
    <div className={`course-progress course-progress--${progress.status}`}>
      <p className="course-progress__summary">
        <CourseStatusBadge status={progress.status} /> <span id={textId}>{text}</span>
      </p>
      <div
        role="meter"
        aria-labelledby={textId}
        aria-valuemin={0}
        aria-valuemax={progress.maxParticipants}
        aria-valuenow={progress.pledgedSeats}
        aria-valuetext={`${progress.pledgedSeats} von höchstens ${progress.maxParticipants}`}
        className="course-progress__meter"
      >
        <svg
          className="course-progress__bar"
          viewBox="0 0 100 10"
          preserveAspectRatio="none"
          aria-hidden="true"
          focusable="false"
        >
          <rect className="course-progress__track" x="0" y="0" width="100" height="10" />
          <rect className="course-progress__fill" x="0" y="0" width={filled} height="10" />
          <line className="course-progress__minimum" x1={minimumAt} x2={minimumAt} y1="0" y2="10" />
        </svg>
      </div>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
