// Drawing a facility's geometry on the MapLibre map with terra-draw: a point, a line or an area, one at a time.
import {
  TerraDraw, TerraDrawLineStringMode, TerraDrawPointMode, TerraDrawPolygonMode, TerraDrawRenderMode,
} from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";

export const HINTS = {
  point: "在地图上单击放置设施位置。",
  linestring: "单击逐点绘制线 (管网、河段按水流方向), 在最后一点再单击一次结束。",
  polygon: "单击逐点绘制范围, 单击第一个点闭合结束。",
};

// `onDrawn(geometry)` receives the GeoJSON geometry once the user finishes a shape.
export function createDrawing(map, onDrawn) {
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map }),
    modes: [new TerraDrawPointMode(), new TerraDrawLineStringMode(), new TerraDrawPolygonMode(),
      new TerraDrawRenderMode({ modeName: "idle", styles: {} })],
  });
  draw.start();
  draw.setMode("idle");
  draw.on("finish", (id) => {
    const feature = draw.getSnapshotFeature(id);
    draw.setMode("idle");
    if (feature) onDrawn(feature.geometry);
  });
  return {
    start(mode) {
      draw.clear();
      draw.setMode(mode);
    },
    stop() {
      draw.clear();
      draw.setMode("idle");
    },
  };
}
