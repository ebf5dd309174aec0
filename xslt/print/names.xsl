<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer: tagged names feed the indexes of persons and places (reledmac's \edindex, which
     records page and line).  Each index entry is built from the register entry the name points to:
     canonical name, life dates, offices / place type, variant spellings. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:import href="escape.xsl"/>

  <xsl:key name="register-entry" match="tei:person | tei:place | tei:org" use="@xml:id"/>

  <!-- A name (hook of common/mentions.xsl): persons and places with a register pointer are indexed
       (organisations are not); the text follows -->
  <xsl:template name="render-name">
    <xsl:param name="kind"/><xsl:param name="id"/><xsl:param name="known"/><xsl:param name="nested"/><xsl:param name="anchor"/>
    <xsl:choose>
      <xsl:when test="@ref and (self::tei:persName or self::tei:placeName or self::tei:geogName
                      or self::tei:rs[$kind = 'person' or $kind = 'place'])">
        <xsl:call-template name="index-name">
          <xsl:with-param name="index">
            <xsl:choose>
              <xsl:when test="$kind = 'person' or self::tei:persName">persons</xsl:when>
              <xsl:otherwise>places</xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="index-name">
    <xsl:param name="index"/>
    <xsl:variable name="id"><xsl:call-template name="entity-id"/></xsl:variable>
    <xsl:variable name="text" select="normalize-space(.)"/>
    <xsl:variable name="entry">
      <xsl:for-each select="$register-doc">
        <xsl:apply-templates select="key('register-entry', $id)[1]" mode="index-entry"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:text>\edindex[</xsl:text><xsl:value-of select="$index"/><xsl:text>]{</xsl:text>
    <xsl:choose>
      <xsl:when test="string($entry)"><xsl:value-of select="$entry"/></xsl:when>
      <!-- a name whose entry is missing still gets indexed, under the form the text uses -->
      <xsl:otherwise>
        <xsl:call-template name="index-key"><xsl:with-param name="s" select="$text"/></xsl:call-template>
        <xsl:text>@</xsl:text>
        <xsl:call-template name="index-text"><xsl:with-param name="s" select="$text"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>}</xsl:text>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- "key@Display" for one register entry -->
  <xsl:template match="tei:person" mode="index-entry">
    <xsl:variable name="main" select="(tei:persName[@type = 'main'] | tei:persName)[1]"/>
    <xsl:variable name="display">
      <xsl:choose>
        <!-- an entry without a name (a warning of the build) is indexed under its xml:id, as on the web -->
        <xsl:when test="not(normalize-space($main))"><xsl:value-of select="@xml:id"/></xsl:when>
        <xsl:when test="$main/tei:surname">
          <xsl:value-of select="normalize-space($main/tei:surname)"/>
          <xsl:for-each select="$main/tei:forename | $main/tei:addName | $main/tei:genName">
            <xsl:choose><xsl:when test="position() = 1">, </xsl:when><xsl:otherwise><xsl:text> </xsl:text></xsl:otherwise></xsl:choose>
            <xsl:value-of select="normalize-space(.)"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="inverted-name"><xsl:with-param name="s" select="normalize-space($main)"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="details">
      <xsl:if test="tei:birth or tei:death">
        <xsl:text> (</xsl:text>
        <xsl:value-of select="substring((tei:birth/@when | tei:birth/@notBefore | tei:birth/tei:date/@when)[1], 1, 4)"/>
        <xsl:text>–</xsl:text>
        <xsl:value-of select="substring((tei:death/@when | tei:death/@notBefore | tei:death/tei:date/@when)[1], 1, 4)"/>
        <xsl:text>)</xsl:text>
      </xsl:if>
      <xsl:for-each select="tei:occupation | tei:state[tei:label]/tei:label | tei:affiliation">
        <xsl:text>, </xsl:text>
        <xsl:value-of select="normalize-space(.)"/>
        <xsl:call-template name="year-span"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:call-template name="entry-out">
      <xsl:with-param name="key" select="$display"/>
      <xsl:with-param name="display" select="concat($display, $details)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:place" mode="index-entry">
    <xsl:variable name="named" select="normalize-space((tei:placeName[@type = 'main'] | tei:placeName | tei:geogName)[1])"/>
    <xsl:variable name="main">
      <xsl:value-of select="$named"/>
      <xsl:if test="not($named)"><xsl:value-of select="@xml:id"/></xsl:if>
    </xsl:variable>
    <xsl:variable name="details">
      <xsl:if test="@type"><xsl:text> (</xsl:text><xsl:value-of select="translate(@type, '-_', '  ')"/><xsl:text>)</xsl:text></xsl:if>
      <xsl:variable name="variants" select="(tei:placeName | tei:geogName)[normalize-space() != $main]"/>
      <xsl:if test="$variants">
        <xsl:text>; also </xsl:text>
        <xsl:for-each select="$variants">
          <xsl:value-of select="normalize-space(.)"/>
          <xsl:if test="position() != last()">, </xsl:if>
        </xsl:for-each>
      </xsl:if>
      <!-- coordinates as the register module reads them ("lat lon" or "lat, lon", in range); others
           are left out, as on the web (the build warns of them) -->
      <xsl:variable name="geo" select="normalize-space(translate(tei:location/tei:geo, ',', ' '))"/>
      <xsl:variable name="lat" select="number(substring-before($geo, ' '))"/>
      <xsl:variable name="long" select="number(substring-after($geo, ' '))"/>
      <xsl:if test="$lat &gt;= -90 and $lat &lt;= 90 and $long &gt;= -180 and $long &lt;= 180">
        <xsl:text>; </xsl:text>
        <xsl:call-template name="coordinates"><xsl:with-param name="geo" select="$geo"/></xsl:call-template>
      </xsl:if>
    </xsl:variable>
    <xsl:call-template name="entry-out">
      <xsl:with-param name="key" select="$main"/>
      <xsl:with-param name="display" select="concat($main, $details)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:org" mode="index-entry">
    <xsl:variable name="main" select="normalize-space((tei:orgName[@type = 'main'] | tei:orgName)[1])"/>
    <xsl:call-template name="entry-out">
      <xsl:with-param name="key" select="$main"/>
      <xsl:with-param name="display" select="$main"/>
    </xsl:call-template>
  </xsl:template>

  <!-- "43.1155 131.8855" -> "43.1155° N, 131.8855° E" (so coordinates never read as page.line) -->
  <xsl:template name="coordinates">
    <xsl:param name="geo"/>
    <xsl:variable name="lat" select="substring-before(concat($geo, ' '), ' ')"/>
    <xsl:variable name="long" select="substring-after($geo, ' ')"/>
    <xsl:value-of select="translate($lat, '-', '')"/>
    <xsl:choose><xsl:when test="starts-with($lat, '-')">° S</xsl:when><xsl:otherwise>° N</xsl:otherwise></xsl:choose>
    <xsl:if test="$long">
      <xsl:text>, </xsl:text>
      <xsl:value-of select="translate($long, '-', '')"/>
      <xsl:choose><xsl:when test="starts-with($long, '-')">° W</xsl:when><xsl:otherwise>° E</xsl:otherwise></xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template name="entry-out">
    <xsl:param name="key"/>
    <xsl:param name="display"/>
    <xsl:call-template name="index-key"><xsl:with-param name="s" select="$key"/></xsl:call-template>
    <xsl:text>@</xsl:text>
    <xsl:call-template name="index-text"><xsl:with-param name="s" select="$display"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="year-span">
    <xsl:variable name="from" select="substring((@from | @notBefore | @when)[1], 1, 4)"/>
    <xsl:variable name="to" select="substring((@to | @notAfter)[1], 1, 4)"/>
    <xsl:if test="$from or $to">
      <xsl:text> </xsl:text>
      <xsl:value-of select="$from"/>
      <xsl:if test="$to != $from"><xsl:text>–</xsl:text><xsl:value-of select="$to"/></xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- "W. Averell Harriman" -> "Harriman, W. Averell"; "Edward Page Jr." -> "Page, Edward, Jr." -->
  <xsl:template name="inverted-name">
    <xsl:param name="s"/>
    <xsl:variable name="suffix">
      <xsl:if test="substring($s, string-length($s) - 3) = ' Jr.' or substring($s, string-length($s) - 3) = ' Sr.'">
        <xsl:value-of select="substring($s, string-length($s) - 2)"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="core">
      <xsl:choose>
        <xsl:when test="string($suffix)"><xsl:value-of select="substring($s, 1, string-length($s) - 4)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="last"><xsl:call-template name="last-word"><xsl:with-param name="s" select="$core"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="$last = $core"><xsl:value-of select="$core"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$last"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="substring($core, 1, string-length($core) - string-length($last) - 1)"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="string($suffix)"><xsl:text>, </xsl:text><xsl:value-of select="$suffix"/></xsl:if>
  </xsl:template>

  <xsl:template name="last-word">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, ' ')"><xsl:call-template name="last-word"><xsl:with-param name="s" select="substring-after($s, ' ')"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
