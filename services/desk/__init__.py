"""The alerting desk: a live web page of contradictions (`counterclaim desk`)."""
