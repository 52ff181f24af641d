package org.aftermath.search;

import org.aftermath.InvalidInputException;
import org.aftermath.incident.IncidentStatus;
import org.aftermath.incident.Severity;
import org.aftermath.web.FormReader;
import org.aftermath.web.MalformedRequestException;
import org.aftermath.web.Paging;
import org.aftermath.web.ReaderZone;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/** The search query as typed: text, filters, dates in the reader's zone, page. */
public record SearchForm(String q, String status, String severity, String from, String to, String page) {

    record Parsed(SearchService.Query query, int page, int size) {
    }

    Parsed parse(ReaderZone zone) {
        FormReader read = new FormReader(zone);
        IncidentStatus s = read.choice("status", blankToNull(status), IncidentStatus.class, false);
        Severity sev = read.choice("severity", blankToNull(severity), Severity.class, false);
        LocalDate fromDay = read.date("from", from);
        LocalDate toDay = read.date("to", to);
        Paging paging;
        try {
            paging = Paging.parse(page, null);
        } catch (MalformedRequestException e) {
            throw new InvalidInputException(e.errors());
        }
        read.requireValid();
        Instant fromInstant = fromDay == null ? null : fromDay.atStartOfDay(zone.zone()).toInstant();
        // "to" is inclusive for people: everything that started on that day still counts.
        Instant toInstant = toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone.zone()).toInstant();
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            throw new InvalidInputException("to", "must not be before from");
        }
        return new Parsed(new SearchService.Query(q, s, sev, fromInstant, toInstant), paging.page(), paging.size());
    }

    /** The query string for another page of the same search. */
    public String queryFor(int otherPage) {
        return "q=" + enc(q) + "&status=" + enc(status) + "&severity=" + enc(severity) + "&from=" + enc(from)
                + "&to=" + enc(to) + "&page=" + otherPage;
    }

    private static String enc(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
