/**
 * Every path of the site, in one place: the fixed pages as constants and the pages with a
 * parameter as builders. Pure (no imports), so islands, pages and the server all use it and
 * a bundle keeps only what it uses. Page paths end in a slash (astro.config:
 * trailingSlash 'always'). The form APIs' public paths have none (POST /api/volunteers); the
 * site's own forms post to the slash form, which the Node server routes without a redirect
 * (src/server/api-paths.ts).
 *
 *   import * as routes from '../lib/routes.ts';
 *   <a href={routes.institution(record.id)}>…</a>
 */

export const home = '/';
export const about = '/about/';
export const privacy = '/privacy/';
export const search = '/search/';
export const pathway = '/pathway/';
export const targets = '/targets/';

/** The finder, and the shortlist of institutions a family noted there. */
export const services = '/services/';
export const shortlist = '/services/shortlist/';
/** The finder, opened on "near me" (it asks for the location). */
export const servicesNearMe = '/services/?near=me';
export const institution = (id: string): string => `/services/${id}/`;
/** An institution's live availability, rendered by the server for readers without JavaScript (every page under availabilityPages). */
export const availabilityPages = '/availability/';
export const availability = (id: string): string => `${availabilityPages}${id}/`;

export const regions = '/regions/';
export const region = (code: string): string => `/regions/${code}/`;

export const courses = '/courses/';
export const course = (courseId: string): string => `/courses/${courseId}/`;
export const lesson = (courseId: string, lessonSlug: string): string => `/courses/${courseId}/${lessonSlug}/`;
export const enrol = (courseId: string, sessionId: string): string => `/courses/${courseId}/enrol/${sessionId}/`;
export const coursesFor = (audienceSlug: string): string => `/courses/for/${audienceSlug}/`;
export const coursesInFormat = (formatSlug: string): string => `/courses/format/${formatSlug}/`;

/** Events (活动): the upcoming list, the archive, one event, its calendar file, and the no-JavaScript filter pages. */
export const events = '/events/';
export const eventsPast = '/events/past/';
export const event = (id: string): string => `/events/${id}/`;
export const eventIcs = (id: string): string => `/events/${id}.ics`;
export const eventsIn = (regionCode: string): string => `/events/in/${regionCode}/`;
export const eventsOfKind = (kindSlug: string): string => `/events/kind/${kindSlug}/`;
export const eventsFor = (audienceSlug: string): string => `/events/for/${audienceSlug}/`;
export const eventsInMonth = (month: string): string => `/events/month/${month}/`;
/** Calendar feeds to subscribe to: every event, or one city's. */
export const eventsCalendar = '/events/calendar.ics';
export const eventsCityCalendar = (cityCode: string): string => `/events/calendar/${cityCode}.ics`;

/** Stories of the people who do this work. */
export const stories = '/stories/';
export const story = (slug: string): string => `/stories/${slug}/`;

/** Site news (站内消息): the list and one item. */
export const news = '/news/';
export const newsItem = (id: string): string => `/news/${id}/`;

/** The site's feed of new stories, events and news (RSS 2.0), and the same as a JSON Feed. */
export const feed = '/feed.xml';
export const feedJson = '/data/feed.json';

export const guides = '/guides/';
export const guide = (slug: string): string => `/guides/${slug}/`;

export const volunteer = '/volunteer/';
/** The sign-up form on the volunteer page. */
export const volunteerSignup = '/volunteer/#signup';
/** The sign-up form with an institution chosen. */
export const volunteerAt = (institutionId: string): string => `/volunteer/?institution=${encodeURIComponent(institutionId)}`;
/** The thank-you page after signing up, with its reference code. */
export const volunteerThanksPage = '/volunteer/thanks/';
export const volunteerThanks = (ref: string): string => `${volunteerThanksPage}?ref=${encodeURIComponent(ref)}`;
export const withdraw = '/volunteer/withdraw/';
/** The no-JavaScript confirmation step of a withdrawal, and its done page. */
export const withdrawConfirm = '/volunteer/withdraw/confirm/';
/** An institution not yet listed applies to be listed (server-rendered, posts to itself). */
export const join = '/join/';
export const withdrawDone = '/volunteer/withdraw/done/';

export const report = '/report/';
/** The report form about a page of the site (its path). */
export const reportAboutPage = (path: string): string => `/report/?page=${encodeURIComponent(path)}`;
/** The report form about an institution's entry. */
export const reportAboutInstitution = (id: string): string => `/report/?institution=${encodeURIComponent(id)}`;
export const reportThanksPage = '/report/thanks/';
export const reportThanks = (ref: string): string => `${reportThanksPage}?ref=${encodeURIComponent(ref)}`;

/** The enrolment's thank-you page; its query (ref, course, session) is built by the form. */
export const enrolmentThanks = '/enrolment/thanks/';

/** The open-data page and its files. */
export const data = '/data/';
/** The finder's data, split by place: the overview and one part per province (src/lib/finder/index-file.ts). */
export const finderData = (name: string): string => `/data/finder/${name}.json`;
export const targetsData = '/data/targets.json';
export const institutionsData = (format: 'json' | 'csv' | 'geojson'): string => `/data/institutions.${format}`;
/** The daily availability aggregate per county: live figures, rendered on demand. */
export const availabilityCountiesData = (format: 'json' | 'csv'): string => `/data/availability/counties.${format}`;
/** An HSDS table, or 'dataset' for the whole dataset in one file. */
export const hsdsData = (table: string): string => `/data/hsds/${table}.json`;

/** The form APIs, as the site's own forms call them. */
export const apiVolunteers = '/api/volunteers/';
export const apiWithdraw = '/api/volunteers/withdraw/';
export const apiReports = '/api/reports/';
export const apiEnrolments = '/api/enrollments/';
/** Every real institution's current availability (GET; JSON, cached a minute, ETag). */
export const apiAvailability = '/api/availability';

/** Consultation requests (issue #18): the form (to chosen institutions, or every one of a county offering a need), its thanks page, the family's status page. */
export const consult = '/consult/';
export const consultTo = (ids: readonly string[]): string => `${consult}?${ids.map((id) => `to=${encodeURIComponent(id)}`).join('&')}`;
export const consultAny = (county: string, need: string): string =>
  `${consult}?county=${encodeURIComponent(county)}&need=${encodeURIComponent(need)}`;
export const consultThanksPage = '/consult/thanks/';
export const consultThanks = (ref: string): string => `${consultThanksPage}?ref=${encodeURIComponent(ref)}`;
export const consultStatus = '/consult/status/';
export const apiConsultations = '/api/consultations/';
/** The unmet-demand ledger: its page (server-rendered) and its open data. */
export const unmetDemand = '/targets/unmet-demand/';
export const unmetDemandData = (format: 'json' | 'csv'): string => `/data/unmet-demand/weekly.${format}`;
