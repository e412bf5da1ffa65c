// Draws the markers of a .map element (data-points: JSON) on a Natural Earth base map served by wirewatch.
// No tile server: the countries come from the vendored world-atlas TopoJSON, so the map works offline.
// Labels are set with textContent, never as HTML, because they quote article text.
(function () {
  "use strict";

  function popup(point) {
    var box = document.createElement("div");
    var label = document.createElement(point.href ? "a" : "span");
    label.textContent = point.label;
    if (point.href) label.href = point.href;
    box.appendChild(label);
    return box;
  }

  // Natural Earth cuts rings at the antimeridian (Russia, Fiji): shift each point by 360 degrees where
  // its ring jumps across, so Leaflet draws one shape instead of a band across the whole map.
  function unwrapRing(ring) {
    var shift = 0;
    return ring.map(function (point, index) {
      if (index > 0) {
        var step = point[0] - ring[index - 1][0];
        if (step > 180) shift -= 360;
        else if (step < -180) shift += 360;
      }
      return [point[0] + shift, point[1]];
    });
  }

  function unwrapGeometry(geometry) {
    if (geometry.type === "Polygon") geometry.coordinates = geometry.coordinates.map(unwrapRing);
    if (geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map(function (polygon) { return polygon.map(unwrapRing); });
    }
  }

  function drawBaseMap(map, url) {
    return fetch(url)
      .then(function (response) { return response.json(); })
      .then(function (topology) {
        var countries = topojson.feature(topology, topology.objects.countries);
        // Antarctica's ring runs around the pole and no news event is placed there.
        countries.features = countries.features.filter(function (country) { return country.id !== "010"; });
        countries.features.forEach(function (country) { unwrapGeometry(country.geometry); });
        L.geoJSON(countries, {
          style: { className: "land", color: "#8a8f98", weight: 0.6, fillColor: "#f4f1ea", fillOpacity: 1 },
          interactive: false,
        }).addTo(map).bringToBack();
      });
  }

  function drawMap(element) {
    var points = JSON.parse(element.dataset.points || "[]");
    var map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: true });
    map.attributionControl.setPrefix(false).addAttribution("Natural Earth");
    var bounds = [];
    var byName = {};
    points.forEach(function (point) {
      var event = point.kind === "event";
      var marker = L.circleMarker([point.lat, point.lon], {
        className: "marker marker-" + point.kind,
        radius: event ? 7 : 5,
        color: event ? "#b3261e" : "#1f5fa8",
        fillOpacity: 0.7,
        weight: 1.5,
      }).bindPopup(popup(point)).addTo(map);
      marker.bindTooltip(point.name);
      byName[point.name.toLowerCase()] = marker;
      bounds.push([point.lat, point.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
    } else {
      map.setView([20, 10], 1);
    }
    // A place link from an article page lands here as /map#Place%20Name: open that place.
    var wanted = decodeURIComponent(window.location.hash.slice(1)).toLowerCase();
    if (wanted && byName[wanted]) {
      map.setView(byName[wanted].getLatLng(), 6);
      byName[wanted].openPopup();
    }
    drawBaseMap(map, element.dataset.baseMap).then(function () {
      element.dataset.baseMapDrawn = "true";
    });
  }

  document.querySelectorAll(".map").forEach(drawMap);
})();
